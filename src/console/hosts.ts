// PARTITIONS: replace with plan/partitions.ts
// SIGNIN: merge with plan/signin-endpoint.ts
//
// The few per-partition host facts the console needs, until the partition table (issue 14)
// and the sign-in endpoint (issue 16) land: which partition a region is in, the partition's
// sign-in host (the federation endpoint is `<sign-in base>/federation`) and its console host.
// Sources: "Enable custom identity broker access to the AWS console" (signin.aws.amazon.com),
// its docs.amazonaws.cn edition (signin.amazonaws.cn), "AWS Identity and Access Management in
// AWS GovCloud (US)" (signin.amazonaws-us-gov.com). The ISO and European Sovereign Cloud
// partitions have no federation endpoint that AWS documents, so they are refused, not guessed.

export type ConsolePartition = 'aws' | 'aws-cn' | 'aws-us-gov';

interface PartitionHosts {
  /** The global sign-in host; the federation endpoint is https://<host>/federation. */
  signin: string;
  /** The console host; regional consoles are <region>.<host>. */
  console: string;
}

const HOSTS: Record<ConsolePartition, PartitionHosts> = {
  aws: { signin: 'signin.aws.amazon.com', console: 'console.aws.amazon.com' },
  'aws-cn': { signin: 'signin.amazonaws.cn', console: 'console.amazonaws.cn' },
  'aws-us-gov': { signin: 'signin.amazonaws-us-gov.com', console: 'console.amazonaws-us-gov.com' },
};

/** Region patterns of the SDK's partitions.json; unknown regions fall back to aws, as in the SDKs. */
const REGION_PATTERNS: Array<[ConsolePartition | 'unsupported', RegExp]> = [
  ['aws-cn', /^cn-\w+-\d+$/],
  ['aws-us-gov', /^us-gov-\w+-\d+$/],
  // aws-eusc and the ISO partitions: no federation endpoint that AWS documents.
  ['unsupported', /^eusc-(de)-\w+-\d+$/],
  ['unsupported', /^us-iso-\w+-\d+$/],
  ['unsupported', /^us-isob-\w+-\d+$/],
  ['unsupported', /^eu-isoe-\w+-\d+$/],
  ['unsupported', /^us-isof-\w+-\d+$/],
];

/** The partition of a region, reduced to the three with a console federation endpoint. */
export function partitionOfRegion(region: string | undefined): ConsolePartition | { unsupported: string } {
  if (region === undefined) return 'aws';
  const match = REGION_PATTERNS.find(([, pattern]) => pattern.test(region))?.[0] ?? 'aws';
  return match === 'unsupported' ? { unsupported: region } : match;
}

/** The partition named by an ARN (arn:<partition>:…), when it is one of the three. */
export function partitionOfArn(arn: string): ConsolePartition | undefined {
  const partition = arn.split(':')[1];
  return partition === 'aws' || partition === 'aws-cn' || partition === 'aws-us-gov' ? partition : undefined;
}

/** https://signin.aws.amazon.com and its partners: the default sign-in base. */
export function defaultSigninBase(partition: ConsolePartition): string {
  return `https://${HOSTS[partition].signin}`;
}

export function consoleHost(partition: ConsolePartition): string {
  return HOSTS[partition].console;
}

/** The partition whose console `hostname` belongs to (the host itself or any name under it), if any. */
export function consolePartitionOfHost(hostname: string): ConsolePartition | undefined {
  const host = hostname.toLowerCase();
  for (const [partition, hosts] of Object.entries(HOSTS) as Array<[ConsolePartition, PartitionHosts]>) {
    if (host === hosts.console || host.endsWith(`.${hosts.console}`)) return partition;
  }
  return undefined;
}

export const CONSOLE_HOSTS: readonly string[] = Object.values(HOSTS).map((hosts) => hosts.console);
