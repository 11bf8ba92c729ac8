// Runs the AWS SDK for JavaScript v3's login credential provider (the judge of interop) for one
// profile, with HOME from the environment and the sign-in endpoint from argv, and prints the
// credentials it resolved as JSON (or the error's message on stderr, exit 1).
const { fromLoginCredentials } = require('@aws-sdk/credential-provider-login');

const [profile, endpoint] = process.argv.slice(2);
fromLoginCredentials({ profile, clientConfig: { endpoint } })()
  .then((credentials) => {
    process.stdout.write(JSON.stringify({ ...credentials, expiration: credentials.expiration?.toISOString() }));
  })
  .catch((error) => {
    process.stderr.write(`${error.name}: ${error.message}\n`);
    process.exitCode = 1;
  });
