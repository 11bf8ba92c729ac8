// ARNs of roles and of the identities that assume them. Pure.

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(.+)$/;

export function parseRoleArn(arn: string): { partition: string; account: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  return match ? { partition: match[1] as string, account: match[2] as string } : undefined;
}

/** The partition and account of any ARN (a user, an assumed-role session, a role). */
export function arnAccount(arn: string): { partition: string; account: string } | undefined {
  const [prefix, partition, , , account] = arn.split(':');
  return prefix === 'arn' && partition && account && /^\d{12}$/.test(account) ? { partition, account } : undefined;
}

export function roleArnFor(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}
