// IAM Identity Center profiles open the console through the access portal's own shortcut link
// ("Create shortcut links to AWS Management Console destinations", IAM Identity Center User
// Guide): <start URL>/#/console?account_id=…&role_name=…&destination=<URL-encoded console URL>.
// It carries no credential (the portal signs the person in itself) and lands in the console's
// multi-session mode like a click in the portal does. Pure.

interface SsoShortcut {
  startUrl: string;
  accountId: string;
  roleName: string;
  /** Absent: the permission set's relay state, else the console home (the portal's own order). */
  destination?: string;
}

export function ssoShortcutUrl(shortcut: SsoShortcut): string {
  // The start URL as configured (https://d-xxxxxxxxxx.awsapps.com/start, maybe with a slash or a fragment).
  const base = shortcut.startUrl.trim().replace(/#.*$/, '').replace(/\/+$/, '');
  const query = [`account_id=${encodeURIComponent(shortcut.accountId)}`, `role_name=${encodeURIComponent(shortcut.roleName)}`];
  if (shortcut.destination !== undefined) query.push(`destination=${encodeURIComponent(shortcut.destination)}`);
  return `${base}/#/console?${query.join('&')}`;
}
