// The pages of mera serve (docs/web.md): the login, the home page of the person's unit, data
// entry for a period form made from the model, a stored report, and the reviewer's queue. Every
// page is built from what the server answers; every message of the server is shown as it is.
import './style.css';
import { api, ApiError, asciiJson, Diagnostic, download, session, setSession, whenUnauthorized, XLSX } from './api';
import { evaluate } from './expr';

// ---- what the server answers (the members these pages read) ----
interface Bound { op: string; value: string }
interface Field {
  name: string;
  label: string;
  type: { kind: string; enum?: string };
  required: boolean;
  bounds: Bound[];
  when?: string;
  formula?: string;
}
interface Form { name: string; label: string; period: string; level: string; fields: Field[] }
interface Enum { name: string; label: string; values: { name: string; label: string }[] }
interface Model { name: string; label: string; revision: number; forms: Form[]; enums: Enum[] }
interface Item {
  kind: string;
  form: string;
  period: string;
  last_period?: string;
  count: number;
  days: number;
  due?: string;
  to?: string;
  reason?: string;
  by?: string;
  who?: string;
  at?: string;
  submitted?: string;
  units?: string[];
}
interface StatusUnit { unit: string; name: string; level: string; items: Item[] }
interface Status { on: string; unit: string; model: string; units: StatusUnit[] }
interface SubmissionRow { id: number; form: string; unit: string; period: string; state: string; version: number; submitted_at: string; warnings: unknown[] }
interface Submission extends SubmissionRow { values: Record<string, unknown>; standing: string; versions: SubmissionRow[] }

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const announce = document.getElementById('announce') as HTMLElement;

// ---- small helpers ----
type Child = Node | string | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') e.className = String(v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10, m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}
const days = (n: number) => `${n} ${plural(n, 'день', 'дня', 'дней')}`;

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
function date(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}
function period(p: string): string {
  let m = /^(\d{4})Q([1-4])$/.exec(p);
  if (m) return `${m[2]}-й квартал ${m[1]}`;
  m = /^(\d{4})H([12])$/.exec(p);
  if (m) return `${m[2]}-е полугодие ${m[1]}`;
  m = /^(\d{4})M(\d{2})$/.exec(p);
  if (m) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  return /^\d{4}$/.test(p) ? `${p} год` : p;
}
const STATES: Record<string, string> = {
  submitted: 'ожидает проверки',
  returned: 'возвращён на исправление',
  accepted: 'принят',
  forwarded: 'принят и передан выше',
  superseded: 'заменён исправлением',
};

function say(text: string): void {
  announce.textContent = '';
  window.setTimeout(() => (announce.textContent = text), 30);
}

function errorBox(e: unknown): HTMLElement {
  const message = e instanceof ApiError ? e.message : String(e);
  const box = h('div', { class: 'alert error', role: 'alert' }, h('p', {}, message));
  if (e instanceof ApiError && e.diagnostics.length)
    box.append(h('ul', {}, ...e.diagnostics.map((d) => h('li', {}, d.cell ? `${d.cell}: ${d.message}` : d.message))));
  return box;
}

let modelCache: Promise<Model> | null = null;
const model = () => (modelCache ??= api<Model>('/api/model').catch((e) => ((modelCache = null), Promise.reject(e))));
const formLabel = async (name: string) => (await model()).forms.find((f) => f.name === name)?.label ?? name;

// ---- navigation: each page is a path of one segment and its query ----
function go(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  void route();
}
document.addEventListener('click', (ev) => {
  const a = (ev.target as Element).closest('a[data-link]') as HTMLAnchorElement | null;
  if (a && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) {
    ev.preventDefault();
    go(a.getAttribute('href') ?? '/');
  }
});
window.addEventListener('popstate', () => void route());
whenUnauthorized((message) => {
  sessionStorage.setItem('mera.flash', message);
  go('/login', true);
});

function link(href: string, text: string, cls = ''): HTMLAnchorElement {
  return h('a', { href, 'data-link': true, class: cls || undefined }, text);
}

function page(title: string, ...children: Child[]): void {
  document.title = `${title} — mera`;
  main.replaceChildren(h('h1', {}, title), ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function drawNav(): void {
  const s = session();
  nav.replaceChildren();
  if (!s) return;
  const out = h('button', { type: 'button', class: 'link' }, 'Выйти');
  out.addEventListener('click', async () => {
    try {
      await api('/api/logout', { method: 'POST', body: {} });
    } catch {
      /* the session ends here whatever the server says */
    }
    setSession(null);
    go('/login');
  });
  nav.append(
    h('ul', {},
      h('li', {}, link('/', 'Главная')),
      s.role === 'reviewer' && h('li', {}, link('/review', 'Проверка отчётов')),
      h('li', { class: 'who' }, `${s.login} (${s.unit})`),
      h('li', {}, out)));
}

async function route(): Promise<void> {
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  drawNav();
  if (path !== '/login' && !session()) return go('/login', true);
  try {
    if (path === '/login') return loginPage();
    if (path === '/form') return await formPage(query.get('form') ?? '', query.get('period') ?? '', query.get('unit') ?? session()!.unit);
    if (path === '/report') return await reportPage(query.get('id') ?? '');
    if (path === '/review') return await reviewPage();
    if (path === '/') return await homePage();
    page('Страница не найдена', h('p', {}, 'Такой страницы нет. '), link('/', 'На главную'));
  } catch (e) {
    page('Не удалось открыть страницу', errorBox(e), h('p', {}, link('/', 'На главную')));
  }
}

// ---- the login ----
function loginPage(): void {
  const flash = sessionStorage.getItem('mera.flash');
  sessionStorage.removeItem('mera.flash');
  const message = h('div', { id: 'login-message', 'aria-live': 'assertive' }, flash && h('p', { class: 'alert error' }, flash));
  const login = h('input', { id: 'login', name: 'login', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit' }, 'Войти');
  const form = h('form', { class: 'login', 'aria-describedby': 'login-message' },
    h('div', { class: 'row' }, h('label', { for: 'login' }, 'Логин'), login),
    h('div', { class: 'row' }, h('label', { for: 'password' }, 'Пароль'), password),
    message,
    submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    message.replaceChildren();
    try {
      const r = await api<{ token: string; login: string; unit: string; role: string }>('/api/login', {
        body: { login: login.value.trim(), password: password.value },
      });
      setSession({ token: r.token, login: r.login, unit: r.unit, role: r.role });
      go('/', true);
    } catch (e) {
      message.replaceChildren(errorBox(e));
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  page('Вход', h('p', {}, 'Мониторинг социальной помощи семьям с детьми. Войдите под своей учётной записью.'), form);
  login.focus();
}

// ---- the home page of the person's unit ----
async function homePage(): Promise<void> {
  const s = session()!;
  const [status, list] = await Promise.all([
    api<Status>(`/api/status?unit=${encodeURIComponent(s.unit)}`),
    api<{ submissions: SubmissionRow[] }>(`/api/submissions?unit=${encodeURIComponent(s.unit)}`),
    model(),
  ]);
  const own = status.units.find((u) => u.unit === s.unit) ?? status.units[0];
  const items = own?.items ?? [];
  const flash = sessionStorage.getItem('mera.flash');
  sessionStorage.removeItem('mera.flash');

  const fill = (i: Item, text: string) => link(`/form?form=${encodeURIComponent(i.form)}&period=${encodeURIComponent(i.period)}`, text, 'button');
  const section = (id: string, title: string, rows: HTMLElement[], empty: string) =>
    h('section', { 'aria-labelledby': id, class: 'card' }, h('h2', { id }, title, ' ', h('span', { class: 'count' }, String(rows.length))),
      rows.length ? h('ul', { class: 'items' }, ...rows) : h('p', { class: 'quiet' }, empty));

  const returned: HTMLElement[] = [], overdue: HTMLElement[] = [], due: HTMLElement[] = [], review: HTMLElement[] = [], other: HTMLElement[] = [];
  for (const i of items) {
    const name = await formLabel(i.form);
    const what = h('span', { class: 'what' }, h('strong', {}, name), ', ', period(i.period));
    if (i.kind === 'returned') {
      returned.push(h('li', { class: 'item returned' }, what,
        h('p', {}, 'Причина: ', h('q', { class: 'reason' }, i.reason ?? '')),
        h('p', { class: 'quiet' }, `Вернул(а): ${i.who ?? ''} (${i.by ?? ''}), ${date(i.at)}`),
        fill(i, 'Исправить')));
    } else if (i.kind === 'overdue') {
      const range = i.count > 1 && i.last_period ? ` — и ещё ${i.count - 1} по ${period(i.last_period)}` : '';
      overdue.push(h('li', { class: 'item overdue' }, what, range,
        h('p', {}, `Срок был ${date(i.due)}: просрочено на ${days(i.days)}`), fill(i, 'Заполнить')));
    } else if (i.kind === 'due_soon' || i.kind === 'next') {
      due.push(h('li', { class: 'item due' }, what,
        h('p', {}, `Сдать до ${date(i.due)}: осталось ${days(i.days)}`), fill(i, 'Заполнить')));
    } else if (i.kind === 'to_review' || i.kind === 'corrected') {
      review.push(h('li', { class: 'item' }, what, i.units?.length ? ` — ${i.units.join(', ')}` : '', s.role === 'reviewer' ? ' ' : '',
        s.role === 'reviewer' && link('/review', 'К проверке', 'button')));
    } else {
      other.push(h('li', { class: 'item' }, what, ` — ${i.kind === 'ready' ? 'можно передать выше' : i.kind === 'late' ? 'сдан с опозданием' : i.kind}`,
        i.due ? `, срок ${date(i.due)}` : ''));
    }
  }
  const byPeriod = (a: SubmissionRow, b: SubmissionRow) => (a.period < b.period ? 1 : a.period > b.period ? -1 : b.id - a.id);
  const reportRow = async (r: SubmissionRow) =>
    h('li', { class: 'item' }, h('span', { class: 'what' }, h('strong', {}, await formLabel(r.form)), ', ', period(r.period)),
      ` — ${STATES[r.state] ?? r.state}, отправлен ${date(r.submitted_at)}`, ' ', link(`/report?id=${r.id}`, 'Открыть'));
  const waiting = await Promise.all(list.submissions.filter((r) => r.state === 'submitted').sort(byPeriod).map(reportRow));
  const accepted = await Promise.all(list.submissions.filter((r) => r.state === 'accepted' || r.state === 'forwarded').sort(byPeriod).slice(0, 8).map(reportRow));

  page(own?.name ?? s.unit,
    h('p', { class: 'quiet' }, `На ${date(status.on)}. Модель: ${status.model}.`),
    flash && h('p', { class: 'alert ok', role: 'status' }, flash),
    section('h-returned', 'Возвращено на исправление', returned, 'Возвращённых отчётов нет.'),
    section('h-overdue', 'Просрочено', overdue, 'Просроченных отчётов нет.'),
    section('h-due', 'Предстоит сдать', due, 'Ближайших сроков нет.'),
    section('h-waiting', 'Ожидает проверки', waiting, 'Нет отчётов, ожидающих проверки.'),
    review.length > 0 && section('h-review', 'Отчёты нижестоящих на проверку', review, ''),
    other.length > 0 && section('h-other', 'Прочее', other, ''),
    section('h-accepted', 'Принято (последние)', accepted, 'Принятых отчётов пока нет.'));
}

// ---- data entry for a period form ----
function boundsText(f: Field): string {
  return f.bounds.map((b) => `${b.op.replace('>=', '≥').replace('<=', '≤')} ${b.value}`).join(', ');
}
function numericBound(f: Field, ops: string[]): string | undefined {
  const b = f.bounds.find((x) => ops.includes(x.op) && /^-?\d+(\.\d+)?$/.test(x.value));
  return b?.value;
}

async function formPage(formName: string, periodText: string, unit: string): Promise<void> {
  const m = await model();
  const form = m.forms.find((f) => f.name === formName);
  if (!form) throw new ApiError(404, `В модели нет формы «${formName}».`);
  if (form.period === 'record') throw new ApiError(400, `Форма «${form.label}» — форма записей; их ввод появится в следующей версии страниц.`);
  if (!periodText) throw new ApiError(400, 'В адресе страницы не указан период (period=...).');

  // A correction starts from the stored version: its values fill the fields.
  const stored = await api<{ submissions: SubmissionRow[] }>(
    `/api/submissions?form=${encodeURIComponent(formName)}&unit=${encodeURIComponent(unit)}&period=${encodeURIComponent(periodText)}`);
  const current = stored.submissions[0];
  const before = current ? await api<Submission>(`/api/submissions/${current.id}`) : null;
  const values: Record<string, unknown> = before ? structuredClone(before.values) : {};

  const enums = new Map(m.enums.map((e) => [e.name, e]));
  const general = h('div', { id: 'form-messages', class: 'messages', 'aria-live': 'polite' });
  const fields = new Map<string, { row: HTMLElement; msgs: HTMLElement; output?: HTMLOutputElement }>();
  const body = h('div', { class: 'fields' });

  const changed = () => {
    applyWhen();
    schedule();
  };

  for (const f of form.fields) {
    const id = `f-${f.name}`;
    const msgs = h('div', { id: `${id}-msgs`, class: 'msgs', 'aria-live': 'polite' });
    const hint = h('span', { id: `${id}-hint`, class: 'hint' },
      [f.bounds.length ? `допустимо: ${boundsText(f)}` : '', f.required ? 'обязательное' : '', f.when ? `заполняется, если ${f.when}` : ''].filter(Boolean).join('; '));
    const describedby = `${id}-hint ${id}-msgs`;
    let control: HTMLElement;
    let output: HTMLOutputElement | undefined;
    const kind = f.type.kind;
    if (f.formula) {
      output = h('output', { id, 'aria-describedby': describedby, class: 'computed' }) as HTMLOutputElement;
      control = h('div', {}, output, h('span', { class: 'hint' }, ` вычисляется: ${f.formula}`));
    } else if (kind === 'breakdown') {
      const e = enums.get(f.type.enum ?? '');
      const cats = e?.values ?? [];
      const sub = (values[f.name] ?? {}) as Record<string, unknown>;
      const total = h('td', { class: 'total' });
      const recount = () => {
        const v = values[f.name] as Record<string, number> | undefined;
        const n = v ? Object.values(v).reduce((a, b) => a + (typeof b === 'number' ? b : 0), 0) : 0;
        total.textContent = v && Object.keys(v).length ? String(n) : '—';
      };
      control = h('table', { class: 'breakdown', id, 'aria-describedby': describedby },
        h('caption', { class: 'visually-hidden' }, f.label),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, e?.label ?? 'Категория'), h('th', { scope: 'col' }, 'Значение'))),
        h('tbody', {}, ...cats.map((c) => {
          const input = h('input', { id: `${id}-${c.name}`, type: 'number', inputmode: 'numeric', step: kind === 'breakdown' ? '1' : 'any',
            min: numericBound(f, ['>=']), max: numericBound(f, ['<=']), 'aria-label': `${f.label}: ${c.label}`, 'aria-describedby': describedby });
          if (sub[c.name] !== undefined && sub[c.name] !== null) input.value = String(sub[c.name]);
          input.addEventListener('input', () => {
            const v = { ...((values[f.name] ?? {}) as Record<string, unknown>) };
            if (input.value === '') delete v[c.name];
            else v[c.name] = Number(input.value);
            if (Object.keys(v).length) values[f.name] = v;
            else delete values[f.name];
            recount();
            changed();
          });
          return h('tr', {}, h('th', { scope: 'row' }, h('label', { for: `${id}-${c.name}` }, c.label)), h('td', {}, input));
        })),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Итого'), total)));
      recount();
    } else if (kind === 'text') {
      const input = h('textarea', { id, rows: '3', 'aria-describedby': describedby, required: f.required });
      input.value = typeof values[f.name] === 'string' ? (values[f.name] as string) : '';
      input.addEventListener('input', () => {
        if (input.value === '') delete values[f.name];
        else values[f.name] = input.value;
        changed();
      });
      control = input;
    } else if (kind === 'bool' || kind === 'category') {
      const options = kind === 'bool' ? [['true', 'да'], ['false', 'нет']] : (enums.get(f.type.enum ?? '')?.values ?? []).map((v) => [v.name, v.label]);
      const select = h('select', { id, 'aria-describedby': describedby },
        h('option', { value: '' }, '— не указано —'), ...options.map(([v, l]) => h('option', { value: v }, l)));
      if (values[f.name] !== undefined) select.value = String(values[f.name]);
      select.addEventListener('change', () => {
        if (select.value === '') delete values[f.name];
        else values[f.name] = kind === 'bool' ? select.value === 'true' : select.value;
        changed();
      });
      control = select;
    } else {
      const numeric = kind === 'int' || kind === 'number' || kind === 'percent';
      const input = h('input', { id, 'aria-describedby': describedby, required: f.required,
        type: kind === 'date' ? 'date' : numeric ? 'number' : 'text', inputmode: numeric ? (kind === 'int' ? 'numeric' : 'decimal') : undefined,
        step: kind === 'int' ? '1' : numeric ? 'any' : undefined, min: numericBound(f, ['>=']), max: numericBound(f, ['<=']) });
      if (values[f.name] !== undefined && values[f.name] !== null) input.value = String(values[f.name]);
      input.addEventListener('input', () => {
        if (input.value === '') delete values[f.name];
        else values[f.name] = numeric ? Number(input.value) : input.value;
        changed();
      });
      control = input;
    }
    const label = kind === 'breakdown'
      ? h('span', { class: 'label', id: `${id}-label` }, f.label)
      : h('label', { for: id, class: 'label' }, f.label);
    const row = h('div', { class: 'field', 'data-field': f.name }, label, h('div', { class: 'control' }, control, hint, msgs));
    fields.set(f.name, { row, msgs, output });
    body.append(row);
  }

  // A `when` field is shown only while its condition holds; hidden, it is not sent.
  const applies = (f: Field) => !f.when || evaluate(f.when, values) !== false && evaluate(f.when, values) !== null;
  const applyWhen = () => {
    for (const f of form.fields) {
      const { row, output } = fields.get(f.name)!;
      row.hidden = !applies(f);
      if (f.formula && output) {
        const v = evaluate(f.formula, values);
        output.textContent = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2).replace('.', ',')) : '—';
      }
    }
  };

  // The request's text, with where each field's value starts: the server's diagnostics point
  // at a value by its column, and so are shown beside that field.
  const request = () => {
    let text = `{"form":${asciiJson(form.name)},"unit":${asciiJson(unit)},"period":${asciiJson(periodText)},"values":{`;
    const spans: { name: string; start: number; end: number }[] = [];
    let first = true;
    for (const f of form.fields) {
      if (f.formula || !applies(f) || values[f.name] === undefined) continue;
      text += (first ? '' : ',') + asciiJson(f.name) + ':';
      first = false;
      const start = text.length;
      text += asciiJson(values[f.name]);
      spans.push({ name: f.name, start, end: text.length });
    }
    return { text: text + '}}', spans };
  };

  const show = (diagnostics: Diagnostic[], spans: { name: string; start: number; end: number }[]) => {
    for (const { msgs, row } of fields.values()) {
      msgs.replaceChildren();
      row.classList.remove('has-error', 'has-warning');
      row.querySelectorAll('input, textarea, select').forEach((c) => c.removeAttribute('aria-invalid'));
    }
    general.replaceChildren();
    let errors = 0, warnings = 0;
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      const at = d.column ? spans.find((s) => d.column! - 1 >= s.start && d.column! - 1 < s.end) : undefined;
      const p = h('p', { class: `msg ${d.severity}` }, h('span', { class: 'sev' }, d.severity === 'error' ? 'Ошибка: ' : d.severity === 'warning' ? 'Предупреждение: ' : ''), d.message);
      const target = at && fields.get(at.name);
      if (target) {
        target.msgs.append(p);
        target.row.classList.add(d.severity === 'error' ? 'has-error' : 'has-warning');
        if (d.severity === 'error') target.row.querySelectorAll('input, textarea, select').forEach((c) => c.setAttribute('aria-invalid', 'true'));
      } else general.append(p);
    }
    summary.textContent = errors ? `Ошибок: ${errors}${warnings ? `, предупреждений: ${warnings}` : ''}. Исправьте их, чтобы отправить отчёт.`
      : warnings ? `Ошибок нет; предупреждений: ${warnings}. Отчёт можно отправить.` : 'Ошибок нет. Отчёт можно отправить.';
    summary.className = errors ? 'summary error' : 'summary ok';
    return errors;
  };

  let timer = 0, generation = 0;
  const validate = async () => {
    const mine = ++generation;
    const r = request();
    try {
      const answer = await api<{ valid: boolean; diagnostics: Diagnostic[] }>(`/api/validate${before ? '?correct=true' : ''}`, { body: r.text });
      if (mine === generation) show(answer.diagnostics, r.spans);
    } catch (e) {
      if (mine !== generation) return;
      if (e instanceof ApiError && (e.status === 400 || e.status === 409)) show(e.diagnostics.length ? e.diagnostics : [{ severity: 'error', message: e.message }], r.spans);
      else general.replaceChildren(errorBox(e));
    }
  };
  const schedule = () => {
    window.clearTimeout(timer);
    summary.textContent = 'Проверяется…';
    summary.className = 'summary';
    timer = window.setTimeout(() => void validate(), 400);
  };

  const summary = h('p', { id: 'form-summary', class: 'summary', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit' }, before ? 'Отправить исправление' : 'Отправить отчёт');
  const formEl = h('form', { class: 'entry', novalidate: true, 'aria-describedby': 'form-summary' }, body, general, summary, h('div', { class: 'actions' }, send, ' ', link('/', 'Отмена')));
  formEl.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    window.clearTimeout(timer);
    send.disabled = true;
    const r = request();
    try {
      const answer = await api<{ stored: number; ids: number[] }>(`/api/submissions${before ? '?correct=true' : ''}`, { body: r.text });
      sessionStorage.setItem('mera.flash', `${before ? 'Исправление отправлено' : 'Отчёт отправлен'}: ${form.label}, ${period(periodText)} (№ ${answer.ids.join(', ')}).`);
      go('/');
    } catch (e) {
      if (e instanceof ApiError && e.diagnostics.length) show(e.diagnostics, r.spans);
      general.prepend(errorBox(e));
      say(e instanceof Error ? e.message : String(e));
      send.disabled = false;
    }
  });

  page(`${form.label}: ${period(periodText)}`,
    h('p', { class: 'quiet' }, `Подразделение: ${unit}. `,
      before ? `Исправление версии ${before.version} (${STATES[before.state] ?? before.state}): поля заполнены сохранённой версией. ${before.standing}` : 'Новый отчёт.'),
    formEl, workbookSection(formName, form.label, periodText, unit, before !== null));
  applyWhen();
  if (before) void validate();
  (body.querySelector('input, textarea, select') as HTMLElement | null)?.focus();
}

// The same report through Excel: the form's workbook (as `mera template` writes it, the unit and
// period filled in) to download, and the filled-in workbook sent back; the server's problems
// are shown at their cells ("Лист1!C7").
function workbookSection(formName: string, label: string, periodText: string, unit: string, correction: boolean): HTMLElement {
  const messages = h('div', { id: 'sheet-messages', 'aria-live': 'polite' });
  const query = `form=${encodeURIComponent(formName)}&unit=${encodeURIComponent(unit)}&period=${encodeURIComponent(periodText)}`;
  const get = h('button', { type: 'button' }, 'Скачать бланк Excel');
  get.addEventListener('click', async () => {
    messages.replaceChildren();
    try {
      await download(`/api/templates?${query}`, `${formName}_${unit}_${periodText}.xlsx`);
    } catch (e) {
      messages.replaceChildren(errorBox(e));
    }
  });
  // The browser's own file button speaks the browser's language; this label is the button.
  const file = h('input', { id: 'sheet-file', type: 'file', accept: `.xlsx,${XLSX}`, class: 'visually-hidden' }) as HTMLInputElement;
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    messages.replaceChildren(h('p', { class: 'summary' }, `Отправляется ${chosen.name}…`));
    try {
      const answer = await api<{ stored: number; ids: number[] }>(`/api/submissions${correction ? '?correct=true' : ''}`,
        { body: await chosen.arrayBuffer(), contentType: XLSX });
      sessionStorage.setItem('mera.flash', `${correction ? 'Исправление отправлено' : 'Отчёт отправлен'} из файла ${chosen.name}: ${label}, ${period(periodText)} (№ ${answer.ids.join(', ')}).`);
      go('/');
    } catch (e) {
      messages.replaceChildren(errorBox(e));
      say(e instanceof Error ? e.message : String(e));
    } finally {
      file.value = '';  // the same file, fixed, can be chosen again
    }
  });
  return h('section', { class: 'workbook', 'aria-labelledby': 'h-workbook' },
    h('h2', { id: 'h-workbook' }, 'Заполнить в Excel'),
    h('p', { class: 'quiet' }, 'Бланк — та же форма в виде книги Excel: подписи полей, списки значений и допустимые границы. Заполните его и отправьте сюда; ошибки будут показаны с адресом ячейки.'),
    h('div', { class: 'actions' }, get, ' ', file, h('label', { for: 'sheet-file', class: 'file-button' }, 'Отправить заполненный бланк (.xlsx)')),
    messages);
}

// ---- one stored report ----
async function reportPage(id: string): Promise<void> {
  if (!/^\d+$/.test(id)) throw new ApiError(400, 'В адресе страницы нет номера отчёта (id=...).');
  const r = await api<Submission>(`/api/submissions/${id}`);
  const form = (await model()).forms.find((f) => f.name === r.form);
  const rows = (form?.fields ?? []).filter((f) => r.values[f.name] !== undefined).map((f) => {
    const v = r.values[f.name];
    const text = v !== null && typeof v === 'object' ? Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${x}`).join('; ') : String(v);
    return h('tr', {}, h('th', { scope: 'row' }, f.label), h('td', {}, text));
  });
  page(`${form?.label ?? r.form}: ${period(r.period)}`,
    h('p', {}, `Подразделение ${r.unit}, версия ${r.version}, ${STATES[r.state] ?? r.state}.`),
    h('p', { class: 'quiet' }, r.standing),
    r.warnings.length > 0 && h('ul', { class: 'warnings' }, ...r.warnings.map((w) => h('li', { class: 'msg warning' }, 'Предупреждение: ', String(w)))),
    h('table', { class: 'values' }, h('caption', {}, 'Значения'), h('tbody', {}, ...rows)),
    r.state === 'returned' && r.unit === session()?.unit && h('p', {}, link(`/form?form=${r.form}&period=${r.period}`, 'Исправить', 'button')));
}

// ---- the reviewer's queue: reports of the units directly below waiting for a decision ----
async function reviewPage(): Promise<void> {
  const s = session()!;
  const list = await api<{ submissions: SubmissionRow[] }>('/api/submissions');
  const waiting = list.submissions.filter((r) => r.state === 'submitted' && r.unit !== s.unit).sort((a, b) => (a.period < b.period ? 1 : -1));
  const rows = await Promise.all(waiting.map(async (r) => {
    const reasonId = `reason-${r.id}`;
    const reason = h('textarea', { id: reasonId, rows: '2' });
    const msg = h('div', { 'aria-live': 'polite', class: 'msgs' });
    const accept = h('button', { type: 'button' }, 'Принять');
    const ret = h('button', { type: 'button', class: 'secondary' }, 'Вернуть с причиной');
    const step = async (action: 'accept' | 'return') => {
      if (action === 'return' && !reason.value.trim()) {
        msg.replaceChildren(h('p', { class: 'msg error' }, 'Укажите причину возврата: организация увидит её на своей странице.'));
        reason.focus();
        return;
      }
      try {
        const answer = await api<{ message: string }>(`/api/submissions/${r.id}/${action}`, { body: action === 'return' ? { reason: reason.value.trim() } : {} });
        msg.replaceChildren(h('p', { class: 'msg ok' }, answer.message));
        accept.disabled = ret.disabled = true;
      } catch (e) {
        msg.replaceChildren(errorBox(e));
      }
    };
    accept.addEventListener('click', () => void step('accept'));
    ret.addEventListener('click', () => void step('return'));
    return h('li', { class: 'item' },
      h('span', { class: 'what' }, h('strong', {}, await formLabel(r.form)), `, ${period(r.period)} — ${r.unit}`), ' ', link(`/report?id=${r.id}`, 'Значения'),
      r.warnings.length > 0 && h('ul', { class: 'warnings' }, ...r.warnings.map((w) => h('li', { class: 'msg warning' }, 'Предупреждение: ', String(w)))),
      h('div', { class: 'row' }, h('label', { for: reasonId }, 'Причина (для возврата)'), reason),
      h('div', { class: 'actions' }, accept, ' ', ret), msg);
  }));
  page('Проверка отчётов', rows.length ? h('ul', { class: 'items' }, ...rows) : h('p', {}, 'Отчётов на проверку нет.'));
}

void route();
