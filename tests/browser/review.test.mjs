// Drives the HTML review page in headless Chromium (Debian's /usr/bin/chromium) with
// playwright-core: toggles two changes, downloads the cleaned text and the decisions JSON.
// Usage: node tests/browser/review.test.mjs PAGE.html OUTDIR [SCREENSHOT.png]
// Writes OUTDIR/cleaned.txt, OUTDIR/decisions.json and OUTDIR/result.json (what was toggled);
// tests/browser.rs compares them with `mtclean fix --decisions`.
import { chromium } from "playwright-core";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [page_path, outdir, screenshot] = process.argv.slice(2);
if (!page_path || !outdir) {
  console.error("usage: node review.test.mjs PAGE.html OUTDIR [SCREENSHOT.png]");
  process.exit(2);
}
const fail = (message) => { console.error("FAIL: " + message); process.exitCode = 1; };

const userDataDir = mkdtempSync(join(tmpdir(), "mtclean-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  acceptDownloads: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1000, height: 900 },
});
try {
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("blob:")) requests.push(r.url()); });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => {
    if (d.type() === "beforeunload") return; // handled where it is expected, at the end
    errors.push("dialog: " + d.message()); d.dismiss();
  });
  await page.goto(pathToFileURL(resolve(page_path)).href);

  // Keyboard: j focuses the first change; r rejects it, a accepts it again.
  await page.keyboard.press("j");
  const focused = await page.evaluate(() => document.activeElement.classList.contains("tog"));
  if (!focused) fail("j did not focus a change's toggle");

  // Toggle one accepted change to rejected and one rejected change (with a fix) to accepted.
  const accepted = page.locator('.chg.accepted[data-article="0"]').first();
  const acceptedId = await accepted.getAttribute("id");
  const rejected = page.locator('.chg.rejected[data-article="0"]:has(ins)').first();
  const rejectedId = await rejected.getAttribute("id");
  // (Locators re-resolve: address the two changes by id from here on.)
  await page.locator("#" + acceptedId + " .tog").click();
  await page.locator("#" + rejectedId + " .tog").focus();
  await page.keyboard.press("a");
  const states = await page.evaluate(([a, r]) => [
    document.getElementById(a).classList.contains("rejected"),
    document.getElementById(r).classList.contains("accepted"),
    document.getElementById(a).querySelector(".tog").textContent,
  ], [acceptedId, rejectedId]);
  if (!states[0] || !states[1]) fail("toggles did not change state: " + JSON.stringify(states));
  if (!/rejected/.test(states[2])) fail("the toggle's label does not say rejected: " + states[2]);

  const save = async (selector, name) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
    const path = join(outdir, name);
    await download.saveAs(path);
    return path;
  };
  await save('button[data-download="0"]', "cleaned.txt");
  await save('button[data-export="0"]', "decisions.json");

  // A reload keeps the choices (the browser's storage, keyed by the article's hash); after the
  // export nothing is pending, so the reload does not ask.
  await page.reload();
  const kept = await page.evaluate(([a, r]) => [
    document.getElementById(a).classList.contains("rejected"),
    document.getElementById(r).classList.contains("accepted"),
  ], [acceptedId, rejectedId]);
  if (!kept[0] || !kept[1]) fail("a reload lost the choices: " + JSON.stringify(kept));

  // Export every article at once: one decisions file each, named after the article.
  const articles = await page.evaluate(() => JSON.parse(document.getElementById("mtclean-data").textContent).length);
  if (articles > 1) {
    const downloads = [];
    const onDownload = (d) => downloads.push(d);
    page.on("download", onDownload);
    await page.click("button[data-export-all]");
    for (let waited = 0; downloads.length < articles && waited < 100; waited++) await page.waitForTimeout(100);
    page.off("download", onDownload);
    if (downloads.length !== articles) fail("export all gave " + downloads.length + " files for " + articles + " articles");
    for (const d of downloads) await d.saveAs(join(outdir, "all-" + d.suggestedFilename()));
  }

  // Filters: with "safe" unchecked, safe changes are dimmed and j/k skip them.
  await page.uncheck('input[data-filter="app"][value="safe"]');
  const filtered = await page.evaluate(() => Array.from(document.querySelectorAll(".chg"))
    .filter((el) => el.classList.contains("filtered")).every((el) => el.dataset.app === "safe")
    && document.querySelectorAll(".chg.filtered").length > 0);
  if (!filtered) fail("the applicability filter did not hide the safe changes");
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press("j");
  const app = await page.evaluate(() => document.activeElement.closest(".chg").dataset.app);
  if (app === "safe") fail("j moved to a filtered-out change");
  if (!/shown/.test(await page.textContent("#counts0"))) fail("no counts");
  await page.check('input[data-filter="app"][value="safe"]');
  const scripts = await page.evaluate(() => document.querySelectorAll("script").length);
  if (scripts !== 2) fail("article text created script elements: " + scripts);
  if (errors.length) fail("page errors: " + errors.join("; "));
  if (requests.length) fail("the page made network requests: " + requests.join(", "));
  if (screenshot) {
    await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshot });
  }
  writeFileSync(join(outdir, "result.json"), JSON.stringify({ acceptedId, rejectedId }) + "\n");

  // Leaving with a choice not yet exported asks first.
  await page.locator('.chg:has(ins) .tog').last().click();
  const asked = new Promise((done) => page.once("dialog", (d) => { done(d.type()); d.accept(); }));
  await page.close({ runBeforeUnload: true });
  const kind = await Promise.race([asked, new Promise((done) => setTimeout(() => done("no dialog"), 5000))]);
  if (kind !== "beforeunload") fail("leaving with unexported choices did not ask: " + kind);
  console.log("browser: toggled " + acceptedId + " off and " + rejectedId + " on; downloads saved in " + outdir);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
