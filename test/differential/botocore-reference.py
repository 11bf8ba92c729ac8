# The reference side of test/differential/botocore.test.ts: for each case (config text,
# credentials text, environment, --profile), which credentials botocore's default resolver
# (create_credential_resolver, what the AWS CLI builds) would hand out, described without any
# network call: role and SSO credentials are deferred in botocore, so the fetcher they would
# call is read instead. stdin: JSON list of cases; stdout: JSON list of outcomes.
import json, os, sys, tempfile
import botocore.session
from botocore.credentials import create_credential_resolver

# A Session registers ~120 event handlers for API calls; none takes part in finding credentials,
# and registering them is 70% of the time per case, so they are left out.
botocore.session.Session._register_builtin_handlers = lambda self, events: None

KINDS = {'env': 'env', 'shared-credentials-file': 'static-credentials', 'config-file': 'static-config', 'custom-process': 'process'}


def describe(creds):
    if creds is None:
        return {'kind': 'none'}
    fetcher = getattr(getattr(creds, '_refresh_using', None), '__self__', None)
    name = type(fetcher).__name__ if fetcher is not None else ''
    if name == 'AssumeRoleCredentialFetcher':
        return {'kind': 'assume-role', 'roleArn': fetcher._role_arn, 'source': describe(fetcher._source_credentials)}
    if name == 'AssumeRoleWithWebIdentityCredentialFetcher':
        return {'kind': 'web-identity', 'roleArn': fetcher._role_arn, 'tokenFile': fetcher._web_identity_token_loader._web_identity_token_path}
    if name == 'SSOCredentialFetcher':
        return {'kind': 'sso', 'account': fetcher._account_id, 'role': fetcher._role_name}
    return {'kind': KINDS.get(creds.method, creds.method), 'key': creds.access_key}


def run(case, folder):
    config = os.path.join(folder, 'config')
    credentials = os.path.join(folder, 'credentials')
    with open(config, 'w', encoding='utf-8', newline='') as f:
        f.write(case['config'])
    with open(credentials, 'w', encoding='utf-8', newline='') as f:
        f.write(case['credentials'])
    os.environ.clear()
    os.environ.update(case['env'])
    os.environ.update({'AWS_CONFIG_FILE': config, 'AWS_SHARED_CREDENTIALS_FILE': credentials, 'AWS_EC2_METADATA_DISABLED': 'true', 'HOME': folder, 'PATH': '/usr/bin:/bin'})
    try:
        session = botocore.session.Session()
        if case.get('flag') is not None:
            session.set_config_variable('profile', case['flag'])
        return describe(create_credential_resolver(session).load_credentials())
    except Exception as error:  # every botocore refusal is "an error" for the comparison
        return {'kind': 'error', 'error': type(error).__name__}


def main():
    cases = json.load(sys.stdin)
    out = []
    with tempfile.TemporaryDirectory() as folder:
        for case in cases:
            out.append(run(case, folder))
    json.dump(out, sys.stdout)


main()
