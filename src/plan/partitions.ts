// AWS partitions (aws, aws-cn, aws-us-gov, the ISO partitions, aws-eusc): which one a region is
// in, and the DNS suffixes its endpoints use. The table is generated from the SDK's partition
// data (partitions-data.ts); this file holds the lookup rule, which is the SDKs' and botocore's:
// an exact region name first, then each partition's regionRegex, else the `aws` partition.
//
// isValidRegion is botocore's `validate_region_name` (utils.py): a region becomes part of a host
// name, so anything that is not one DNS label (`attacker.example/`, `a b`) is refused before a
// URL is built (InvalidRegionError). It needs no table, so the fast path may import it alone
// from region-name.ts.
import { PARTITIONS } from './partitions-data.ts';
export { isValidRegion } from './region-name.ts';

export interface PartitionData {
  id: string;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  implicitGlobalRegion: string;
  supportsFIPS: boolean;
  supportsDualStack: boolean;
  regionRegex: string;
  regions: readonly string[];
}

interface Partition {
  id: string;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  implicitGlobalRegion: string;
}

let compiled: { data: PartitionData; regex: RegExp }[] | undefined;

/** The partition a region belongs to (unknown names fall back to `aws`, as in the SDKs). */
export function partitionOf(region: string): Partition {
  compiled ??= PARTITIONS.map((data) => ({ data, regex: new RegExp(data.regionRegex) }));
  const found =
    compiled.find((p) => p.data.regions.includes(region)) ?? compiled.find((p) => p.regex.test(region)) ?? compiled.find((p) => p.data.id === 'aws');
  if (!found) throw new Error('partition data has no aws partition');
  const { id, dnsSuffix, dualStackDnsSuffix, implicitGlobalRegion } = found.data;
  return { id, dnsSuffix, dualStackDnsSuffix, implicitGlobalRegion };
}

/** Every partition id, for messages and tests. */
export function partitionIds(): string[] {
  return PARTITIONS.map((p) => p.id);
}
