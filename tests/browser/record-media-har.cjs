// Records what Chromium exchanges for a media element: a page with an <audio> element is
// loaded, played to its end position, and reloaded twice — the ranges it asks for and the ones
// its media cache revalidates. Produced `tests/data/chromium-nginx-media.har`.
//
//   NODE_PATH=<dir with playwright-core> node record-media-har.cjs <base-url> <out.har>
//
// The server serves `/media.html`: `<audio id=a src="/sound.wav" preload=auto>` and a WAV
// file of a few hundred kilobytes.
const { withRecordingPage, run } = require('./chromium.cjs');

run('record-media-har', async () => {
  const [base, out] = process.argv.slice(2);
  if (!base || !out) {
    throw new Error('usage: record-media-har.cjs <base-url> <out.har>');
  }
  const autoplay = ['--autoplay-policy=no-user-gesture-required'];
  await withRecordingPage(out, async (page) => {
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
  }, autoplay);
});
