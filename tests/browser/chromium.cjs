// Debian's Chromium launched for the recorders, through playwright-core: every host resolves
// to 127.0.0.1 and Chromium's background traffic is off, so nothing but the server under test
// is reached; each context records a HAR without the content (what is judged is the
// exchange, and it keeps captures small).
const { chromium } = require('playwright-core');

async function withRecordingPage(out, record, extraArgs = []) {
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
      ...extraArgs,
    ],
  });
  try {
    const context = await browser.newContext({ recordHar: { path: out, content: 'omit' } });
    await record(await context.newPage());
    // Closing the context writes the HAR.
    await context.close();
  } finally {
    await browser.close();
  }
}

function run(name, main) {
  main().catch((error) => {
    console.error(`${name}: ${error.message}`);
    process.exit(1);
  });
}

module.exports = { withRecordingPage, run };
