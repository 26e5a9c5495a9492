// End-to-end tests of the web pages (ctest `web`): Debian's headless Chromium, driven by
// playwright-core (no browser is downloaded), against a real `mera serve` on the Tomsk demo
// database with accounts made by `mera users add`. Missing chromium or node fails the test.
// usage: node web_test.cjs MERA WORK_DIR SCREENSHOT_DIR
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');

const [mera, work, shots] = process.argv.slice(2);
const CHROMIUM = '/usr/bin/chromium';
if (!mera || !work || !shots) throw new Error('usage: node web_test.cjs MERA WORK_DIR SCREENSHOT_DIR');
if (!fs.existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium, .ci/install)`);
  process.exit(1);
}
const { chromium } = require('playwright-core');

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
fs.mkdirSync(shots, { recursive: true });
const db = path.join(work, 'tomsk.db');
execFileSync(mera, ['demo', '--db', db], { stdio: ['ignore', 'ignore', 'inherit'] });
const accounts = {
  ivanova: ['org01', 'submitter'],
  petrov: ['org02', 'submitter'],
  sidorova: ['platform_blood', 'reviewer'],
};
const password = (login) => `${login}-pass-2023`;
for (const [login, [unit, role]] of Object.entries(accounts))
  execFileSync(mera, ['users', 'add', '--db', db, '--login', login, '--unit', unit, '--role', role], { input: password(login) + '\n', stdio: ['pipe', 'ignore', 'inherit'] });

// The server on a free loopback port, read from its log's first line.
function startServer() {
  return new Promise((resolve, reject) => {
    const server = spawn(mera, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`mera serve did not start:\n${log}`)), 30000);
    server.stderr.on('data', (chunk) => {
      log += chunk;
      fs.appendFileSync(path.join(work, 'serve.log'), chunk);
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m && !server.port) {
        server.port = Number(m[1]);
        clearTimeout(timer);
        resolve(server);
      }
    });
    server.on('exit', (code) => reject(new Error(`mera serve exited ${code}:\n${log}`)));
  });
}

const results = [];
async function test(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push([name, 'ok']);
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push([name, 'FAILED']);
    console.log(`FAIL ${name}\n${e.stack}`);
  }
}

(async () => {
  const server = await startServer();
  const base = `http://127.0.0.1:${server.port}`;
  // A fresh profile (--user-data-dir) in the work folder, which the run made empty. Each page is
  // its own tab, so each has its own sessionStorage: its own login.
  const browser = await chromium.launchPersistentContext(path.join(work, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'ru-RU',
    viewport: { width: 1366, height: 768 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  // Every request the pages make goes to this server, none elsewhere (no CDN).
  const foreign = [];
  const open = async (viewport = { width: 1366, height: 768 }) => {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    page.setDefaultTimeout(15000);
    page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });
    return page;
  };
  // The login with the keyboard only: the first field has the focus, Tab, Enter.
  const login = async (page, who) => {
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/login`);
    await page.keyboard.type(who);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password(who));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/`);
    await page.locator('section[aria-labelledby=h-overdue], section[aria-labelledby=h-waiting]').first().waitFor();
  };
  const shot = (page, name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
  const report = JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples/tomsk/service/org01-2023Q1.json'), 'utf8'));

  await test('a wrong password: the server\'s refusal in Russian beside the form', async () => {
    const page = await open();
    await page.goto(`${base}/login`);
    await page.getByLabel('Логин').fill('ivanova');
    await page.getByLabel('Пароль').fill('not the password');
    await page.getByRole('button', { name: 'Войти' }).click();
    const alert = page.locator('#login-message [role=alert]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /[а-яё]{4}/i, text);
    assert.doesNotMatch(text, /\b(wrong|password|login)\b/i, text);
    await shot(page, 'login');
    await page.close();
  });

  await test('an organization: a due form, a broken check beside its field, fixed, submitted, on the home page', async () => {
    const page = await open();
    await login(page, 'ivanova');
    await shot(page, 'home');
    const due = page.locator('section[aria-labelledby=h-overdue] li', { hasText: 'Работа с кровными семьями' }).first();
    assert.match(await due.innerText(), /1-й квартал 2023[\s\S]*просрочено на \d+ д/);
    await due.getByRole('link', { name: 'Заполнить' }).click();
    await page.waitForURL(/\/form\?form=blood_families&period=2023Q1/);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Работа с кровными семьями' }).waitFor();
    // Every field by its label (a breakdown's cells by "label: category"), as a screen reader finds them.
    const model = await (await page.request.get(`${base}/api/model`, { headers: { Authorization: `Bearer ${await page.evaluate(() => JSON.parse(sessionStorage.getItem('mera.session')).token)}` } })).json();
    const form = model.forms.find((f) => f.name === 'blood_families');
    const risk = model.enums.find((e) => e.name === 'risk');
    for (const f of form.fields) {
      const v = report.values[f.name];
      if (typeof v === 'object') {
        for (const c of risk.values) await page.getByLabel(`${f.label}: ${c.label}`, { exact: true }).fill(String(v[c.name]));
      } else {
        await page.getByLabel(f.label, { exact: true }).fill(String(f.name === 'positive' ? 90 : v));
      }
    }
    assert.equal(await page.locator('[data-field=by_risk] .total').innerText(), '84'); // the breakdown's total
    // 90 + 4 > 84 families: the model's own message, beside the field the server points at.
    const positive = page.locator('[data-field=positive] .msgs');
    await positive.filter({ hasText: '90 + 4 больше, чем обслужено семей (84)' }).waitFor();
    assert.equal(await page.getByLabel('Семьи с положительной динамикой', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#form-summary').innerText(), /Ошибок: 1/);
    assert.equal(await page.locator('[data-field=families] .msgs').innerText(), '');
    await page.locator('[data-field=positive]').scrollIntoViewIfNeeded();
    await shot(page, 'form-error');
    await page.getByLabel('Семьи с положительной динамикой', { exact: true }).fill('14');
    await page.locator('#form-summary', { hasText: 'Ошибок нет' }).waitFor();
    assert.equal(await positive.innerText(), '');
    await page.getByRole('button', { name: 'Отправить отчёт' }).click();
    await page.waitForURL(`${base}/`);
    await page.locator('[role=status]', { hasText: 'Отчёт отправлен: Работа с кровными семьями, 1-й квартал 2023' }).waitFor();
    const waiting = page.locator('section[aria-labelledby=h-waiting]');
    assert.match(await waiting.innerText(), /Работа с кровными семьями, 1-й квартал 2023 — ожидает проверки/);
    await shot(page, 'home-submitted');
    await page.close();
  });

  await test('a `when` field is shown only when it applies, and a calculated one computed as one types', async () => {
    const page = await open();
    await login(page, 'ivanova');
    await page.goto(`${base}/form?form=staff&period=2023Q1`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Кадровый состав' }).waitFor();
    const caseload = page.locator('[data-field=caseload]');
    assert.equal(await caseload.isVisible(), false); // when specialists > 0: no specialists yet
    await page.getByLabel('Семей (случаев) в работе на конец периода', { exact: true }).fill('30');
    assert.equal(await caseload.isVisible(), false);
    await page.getByLabel('Специалистов, работающих со случаями, на конец периода', { exact: true }).fill('4');
    await caseload.waitFor({ state: 'visible' });
    assert.equal(await caseload.locator('output').innerText(), '7,50'); // cases / specialists
    await page.getByLabel('Специалистов, работающих со случаями, на конец периода', { exact: true }).fill('0');
    await caseload.waitFor({ state: 'hidden' });
    await page.getByLabel('Специалистов, работающих со случаями, на конец периода', { exact: true }).fill('4');
    await page.locator('#form-summary', { hasText: 'Ошибок нет' }).waitFor(); // the server agrees
    await shot(page, 'form-when');
    await page.close();
  });

  await test('the platform returns it with a reason; the organization sees the reason and corrects from the stored version; the platform accepts it', async () => {
    const reviewer = await open();
    await login(reviewer, 'sidorova');
    await reviewer.getByRole('link', { name: 'Проверка отчётов' }).click();
    const item = reviewer.locator('li.item', { hasText: 'Работа с кровными семьями, 1-й квартал 2023 — org01' });
    await item.getByRole('button', { name: 'Вернуть с причиной' }).click();
    await item.locator('.msg.error', { hasText: 'Укажите причину возврата' }).waitFor(); // a reason is required
    await item.getByLabel('Причина (для возврата)').fill('положительная динамика у 14 из 84 семей — проверьте');
    await item.getByRole('button', { name: 'Вернуть с причиной' }).click();
    await item.locator('.msg.ok').waitFor();
    await shot(reviewer, 'review');
    await reviewer.close();

    const page = await open({ width: 390, height: 844 }); // a phone
    await login(page, 'ivanova');
    const returned = page.locator('section[aria-labelledby=h-returned] li', { hasText: 'Работа с кровными семьями' });
    assert.match(await returned.innerText(), /положительная динамика у 14 из 84 семей — проверьте/);
    await shot(page, 'phone-returned');
    await returned.getByRole('link', { name: 'Исправить' }).click();
    await page.getByRole('button', { name: 'Отправить исправление' }).waitFor();
    assert.equal(await page.getByLabel('Обслужено семей за период', { exact: true }).inputValue(), '84');
    assert.equal(await page.getByLabel('Обслужено семей по уровням риска: высокий', { exact: true }).inputValue(), '23');
    await page.getByLabel('Семьи с положительной динамикой', { exact: true }).fill('41');
    await page.locator('#form-summary', { hasText: 'Ошибок нет' }).waitFor();
    await shot(page, 'phone-correction');
    await page.getByRole('button', { name: 'Отправить исправление' }).click();
    await page.locator('[role=status]', { hasText: 'Исправление отправлено' }).waitFor();

    // The platform accepts the correction; the organization finds it accepted.
    const again = await open();
    await login(again, 'sidorova');
    await again.goto(`${base}/review`);
    const corrected = again.locator('li.item', { hasText: 'Работа с кровными семьями, 1-й квартал 2023 — org01' });
    await corrected.getByRole('button', { name: 'Принять' }).click();
    await corrected.locator('.msg.ok').waitFor();
    assert.match(await corrected.locator('.msg.ok').innerText(), /принят/i);
    await again.close();
    await page.goto(`${base}/`);
    const accepted = page.locator('section[aria-labelledby=h-accepted]');
    await accepted.waitFor();
    assert.match(await accepted.innerText(), /Работа с кровными семьями, 1-й квартал 2023 — принят/);
    assert.doesNotMatch(await page.locator('section[aria-labelledby=h-returned]').innerText(), /Работа с кровными семьями/);
    await page.close();
  });

  await test('the form as an Excel workbook: downloaded, filled in by another program, a mistake shown at its cell, fixed, sent', async () => {
    const page = await open();
    await login(page, 'ivanova');
    await page.goto(`${base}/form?form=blood_families&period=2023Q2`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Работа с кровными семьями' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать бланк Excel' }).click()]);
    assert.equal(download.suggestedFilename(), 'blood_families_org01_2023Q2.xlsx');
    const template = path.join(work, 'template.xlsx');
    await download.saveAs(template);
    assert.equal(fs.readFileSync(template).subarray(0, 2).toString('latin1'), 'PK'); // a zip: a workbook
    // Filled in by openpyxl, not by mera: once with -5 children (the bound is >= 0), once right.
    const fill = path.join(__dirname, '../../tests/cli/sheets_fill.py');
    const wrong = path.join(work, 'wrong.xlsx');
    const right = path.join(work, 'right.xlsx');
    const cell = /children at ([A-Z]+\d+)/.exec(execFileSync('/usr/bin/python3', [fill, 'fill', template, wrong, 'wrong'], { encoding: 'utf8' }))[1];
    execFileSync('/usr/bin/python3', [fill, 'fill', template, right]);
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('mera.session')).token);
    const stored = async () => (await (await page.request.get(`${base}/api/submissions?form=blood_families&unit=org01&period=2023Q2`,
      { headers: { Authorization: `Bearer ${token}` } })).json()).submissions;

    await page.getByLabel('Отправить заполненный бланк (.xlsx)').setInputFiles(wrong);
    const alert = page.locator('#sheet-messages [role=alert]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, new RegExp(`Лист1!${cell}: .*-5`), text);
    assert.doesNotMatch(text, /\b(error|less than)\b/i, text);
    assert.equal((await stored()).length, 0); // nothing stored
    await alert.scrollIntoViewIfNeeded();
    await shot(page, 'form-workbook-error');

    await page.getByLabel('Отправить заполненный бланк (.xlsx)').setInputFiles(right);
    await page.waitForURL(`${base}/`);
    await page.locator('[role=status]', { hasText: 'Отчёт отправлен из файла right.xlsx: Работа с кровными семьями, 2-й квартал 2023' }).waitFor();
    const [row] = await stored();
    const report = await (await page.request.get(`${base}/api/submissions/${row.id}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    assert.equal(report.values.families, 10);
    assert.equal(report.values.children, 20);
    assert.deepEqual(report.values.by_risk, { low: 5, medium: 3, high: 2 });
    await page.close();
  });

  await test('access: an organization cannot open another organization\'s report; the page says so in Russian', async () => {
    const page = await open();
    await login(page, 'ivanova');
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('mera.session')).token);
    // A report of org02 (the demo's), found as its own organization sees it.
    const petrov = await (await page.request.post(`${base}/api/login`, { data: { login: 'petrov', password: password('petrov') } })).json();
    const theirs = await (await page.request.get(`${base}/api/submissions?unit=org02`, { headers: { Authorization: `Bearer ${petrov.token}` } })).json();
    const id = theirs.submissions[0].id;
    const direct = await page.request.get(`${base}/api/submissions/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(direct.status(), 403);
    await page.goto(`${base}/report?id=${id}`);
    const alert = page.locator('[role=alert]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /«org01»[\s\S]*может читать отчёты[\s\S]*«org02» к ним не относится/, text);
    assert.doesNotMatch(text, /\b(may|account|not among)\b/, text);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Не удалось открыть страницу');
    await shot(page, 'access-refused');
    await page.close();
  });

  await browser.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  if (foreign.length) results.push([`requests outside the server: ${foreign.join(', ')}`, 'FAILED']);
  const failed = results.filter(([, r]) => r !== 'ok');
  console.log(`${results.length - failed.length} of ${results.length} web tests passed; screenshots in ${shots}`);
  process.exit(failed.length ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
