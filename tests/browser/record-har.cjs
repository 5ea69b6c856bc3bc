// Records what a real browser exchanges with a server as a HAR file: Debian's Chromium, driven by
// playwright-core (which writes the HAR the way Playwright users get it, without `_fromCache`).
//
//   NODE_PATH=<dir with playwright-core> node record-har.cjs <base-url> <out.har> [path…]
//
// The page is loaded, its script fetches a text file and each further path twice (the second
// time revalidating it), the page is reloaded (its document revalidated), left and returned to
// (from the memory cache) — the exchanges a team's end-to-end tests record.
const { withRecordingPage, run } = require('./chromium.cjs');

run('record-har', async () => {
  const [base, out, ...paths] = process.argv.slice(2);
  if (!base || !out) {
    throw new Error('usage: record-har.cjs <base-url> <out.har> [path…]');
  }
  await withRecordingPage(out, async (page) => {
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
  });
});
