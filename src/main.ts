declare const AWSCTL_VERSION: string;
process.stdout.write(`awsctl ${AWSCTL_VERSION}\n`);
