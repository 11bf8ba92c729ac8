// The person at the browser, scripted: open the sign-in page given as argv[2], follow its
// "approve" link, and (same device) follow the redirect to the CLI's loopback server; for the
// cross-device page, print the code it shows on stdout.
const url = process.argv[2];
const page = await (await fetch(url)).text();
const href = /id="approve" href="([^"]+)"/.exec(page)?.[1];
if (!href) {
  console.error(`no approve link on the sign-in page: ${page.slice(0, 200)}`);
  process.exit(1);
}
const answer = await fetch(new URL(href, url));
const text = await answer.text();
const code = /id="verification-code">([^<]+)</.exec(text)?.[1];
if (code) process.stdout.write(code);
else if (!answer.ok) {
  console.error(`approve answered ${answer.status}: ${text.slice(0, 200)}`);
  process.exit(1);
}
