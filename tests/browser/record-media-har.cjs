// Records what Chromium exchanges for a media element: a page with an <audio> element is
// loaded, played to its end position, and reloaded twice — the ranges it asks for and the ones
// its media cache revalidates. Produced `tests/data/chromium-nginx-media.har`.
//
//   NODE_PATH=<dir with playwright-core> node record-media-har.cjs <base-url> <out.har>
//
// The server serves `/media.html`: `<audio id=a src="/sound.wav" preload=auto>` and a WAV
// file of a few hundred kilobytes. Every host resolves to 127.0.0.1 and Chromium's
// background traffic is off.
const { chromium } = require('playwright-core');

async function main() {
  const [base, out] = process.argv.slice(2);
  if (!base || !out) {
    throw new Error('usage: record-media-har.cjs <base-url> <out.har>');
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
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  try {
    // The content itself is left out: what is judged is the exchange, and it keeps captures small.
    const context = await browser.newContext({ recordHar: { path: out, content: 'omit' } });
    const page = await context.newPage();
    for (let visit = 0; visit < 3; visit += 1) {
      if (visit === 0) {
        await page.goto(`${base}/media.html`);
      } else {
        await page.reload();
      }
      await page.evaluate(async () => {
        const audio = document.getElementById('a');
        if (audio.readyState < 4) {
          await new Promise((ready) => audio.addEventListener('canplaythrough', ready, { once: true }));
        }
        audio.currentTime = 3;
        await new Promise((done) => setTimeout(done, 300));
      });
    }
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`record-media-har: ${error.message}`);
  process.exit(1);
});
