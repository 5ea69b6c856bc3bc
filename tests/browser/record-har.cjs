// Records what a real browser exchanges with a server as a HAR file: Debian's Chromium, driven by
// playwright-core (which writes the HAR the way Playwright users get it, without `_fromCache`).
//
//   NODE_PATH=<dir with playwright-core> node record-har.cjs <base-url> <out.har> [path…]
//
// The page is loaded, its script fetches a text file and each further path twice (the second
// time revalidating it), the page is reloaded (its document revalidated), left and returned to
// (from the memory cache) — the exchanges a team's end-to-end tests record. Every host name resolves to 127.0.0.1 and Chromium's background
// traffic is off, so nothing but the server under test is reached.
const { chromium } = require('playwright-core');

async function main() {
  const [base, out, ...paths] = process.argv.slice(2);
  if (!base || !out) {
    throw new Error('usage: record-har.cjs <base-url> <out.har> [path…]');
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * 127.0.0.1',
    ],
  });
  try {
    // The content itself is left out: what is judged is the exchange, and it keeps captures small.
    const context = await browser.newContext({ recordHar: { path: out, content: 'omit' } });
    const page = await context.newPage();
    await page.goto(`${base}/index.html`);
    await page.evaluate(async (fetched) => {
      for (const path of fetched) {
        await (await fetch(path)).text();
        await (await fetch(path, { cache: 'no-cache' })).text();
      }
    }, ['/a.txt', ...paths]);
    await page.reload();
    await page.goto(`${base}/sub/`);
    await page.goBack();
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`record-har: ${error.message}`);
  process.exit(1);
});
