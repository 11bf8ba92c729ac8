// botocore's region rule (utils.validate_region_name): a region must be one valid host label,
// because it is placed into host names (sts.<region>.amazonaws.com). botocore's pattern is
// ^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{,63}(?<!-)$ ; the empty string is left to callers, which treat
// an empty region as unset. Tiny and table-free: the fast path uses it.
const HOST_LABEL = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{1,63}(?<!-)$/;

export function isValidRegion(region: string): boolean {
  return HOST_LABEL.test(region);
}
