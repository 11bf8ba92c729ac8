// The per-partition host facts only the console needs: the partition's global sign-in host (the
// federation endpoint is `<sign-in base>/federation`; `aws login`'s token endpoint is regional and
// lives in plan/signin-endpoint.ts) and its console host. Which partition a region is in comes
// from the SDK's partition table (plan/partitions.ts).
// Sources: "Enable custom identity broker access to the AWS console" (signin.aws.amazon.com),
// its docs.amazonaws.cn edition (signin.amazonaws.cn), "AWS Identity and Access Management in
// AWS GovCloud (US)" (signin.amazonaws-us-gov.com). The ISO and European Sovereign Cloud
// partitions have no federation endpoint that AWS documents, so they are refused, not guessed.
import { partitionOf } from '../plan/partitions.ts';

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

/** The partition of a region, reduced to the three with a console federation endpoint. */
export function partitionOfRegion(region: string | undefined): ConsolePartition | { unsupported: string } {
  if (region === undefined) return 'aws';
  const id = partitionOf(region).id;
  return id === 'aws' || id === 'aws-cn' || id === 'aws-us-gov' ? id : { unsupported: region };
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
