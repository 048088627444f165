/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The connection form's script, running in the webview (bundled by esbuild.js into
 * dist/webview/connectionForm.js). It only shows fields and posts them: the extension validates,
 * tests and saves. Secrets (the password, the SSH passphrase or password) are read from their
 * fields only when Test or Save is pressed and posted with that one message; this script never calls
 * `setState`, never logs, and keeps them nowhere but in the fields themselves.
 */
import type { ConnectionFormValues, FormField, FormMessage, PanelMessage } from '../connections/connectionForm';

declare function acquireVsCodeApi(): { postMessage(message: FormMessage): void };

const vscodeApi = acquireVsCodeApi();
type Field = HTMLElement & { value: string; checked: boolean; invalid: boolean; placeholder: string };

const TEXT = ['name', 'host', 'port', 'user', 'database', 'caFile', 'environment', 'sshHost', 'sshPort', 'sshUser', 'sshKeyFile'] as const;
const byId = (id: string): Field => document.getElementById(id) as Field;
/** Fields the user has changed: their problems show while typing; Save shows them all. */
const touched = new Set<string>();
let strings: Extract<PanelMessage, { type: 'init' }>['strings'] | undefined;
let stored = { password: false, sshSecret: false };
let lastProblems: Partial<Record<FormField, string>> = {};
let validateTimer: ReturnType<typeof setTimeout> | undefined;

function radioValue(name: string): string {
  const checked = [...document.querySelectorAll<Field>(`vscode-radio[name="${name}"]`)].find((r) => r.checked);
  return checked?.getAttribute('value') ?? '';
}

function setRadio(name: string, value: string): void {
  for (const radio of document.querySelectorAll<Field>(`vscode-radio[name="${name}"]`))
    radio.checked = radio.getAttribute('value') === value;
}

function values(): ConnectionFormValues {
  const text = Object.fromEntries(TEXT.map((id) => [id, byId(id).value ?? ''])) as Record<(typeof TEXT)[number], string>;
  return {
    ...text,
    passwordMode: radioValue('passwordMode') as ConnectionFormValues['passwordMode'],
    tls: byId('tls').value as ConnectionFormValues['tls'],
    allowClearTextPassword: byId('allowClearTextPassword').checked,
    sshEnabled: byId('sshEnabled').checked,
    sshAuth: radioValue('sshAuth') as ConnectionFormValues['sshAuth'],
  };
}

/** Shows and hides what the choices so far make relevant, and labels the secret fields. */
function layout(): void {
  const v = values();
  const show = (id: string, visible: boolean) => document.getElementById(id)?.classList.toggle('hidden', !visible);
  show('password-group', v.passwordMode !== 'none');
  show('caFile-group', v.tls === 'verify');
  show('allowClearTextPassword-group', v.tls === 'verify');
  show('ssh-fields', v.sshEnabled);
  show('sshKeyFile-group', v.sshAuth === 'key');
  show('sshSecret-group', v.sshAuth !== 'agent');
  if (!strings) return;
  const secretLabel = document.querySelector('#sshSecret-group vscode-label');
  if (secretLabel) secretLabel.textContent = v.sshAuth === 'password' ? strings.sshPassword : strings.passphrase;
  byId('password').placeholder = v.passwordMode === 'ask' ? strings.passwordForTest : stored.password ? strings.keepStored : '';
  byId('sshSecret').placeholder = stored.sshSecret ? strings.keepStored : '';
}

function showProblems(problems: Partial<Record<FormField, string>>, all: boolean): void {
  lastProblems = problems;
  for (const problem of document.querySelectorAll<HTMLElement>('.problem')) {
    const field = problem.id.replace(/-problem$/, '') as FormField;
    const message = all || touched.has(field) ? (problems[field] ?? '') : '';
    if (problem.textContent !== message) problem.textContent = message;
    const input = document.getElementById(field) as Field | null;
    if (input && 'invalid' in input) input.invalid = message !== '';
  }
  if (all) {
    const first = Object.keys(problems).find((field) => !document.getElementById(`${field}-group`)?.closest('.hidden'));
    if (first) document.getElementById(first)?.focus();
  }
}

function post(message: FormMessage): void {
  vscodeApi.postMessage(message);
}

function validateSoon(): void {
  clearTimeout(validateTimer);
  validateTimer = setTimeout(() => post({ type: 'validate', values: values() }), 200);
}

/** Reads the secrets at the moment of Test or Save; they are not kept here. */
function secrets(): { password?: string; sshSecret?: string } {
  const v = values();
  return {
    password: v.passwordMode === 'none' ? undefined : byId('password').value || undefined,
    sshSecret: v.sshEnabled && v.sshAuth !== 'agent' ? byId('sshSecret').value || undefined : undefined,
  };
}

function showResult(kind: 'ok' | 'failed' | 'busy' | '', message: string): void {
  const result = document.getElementById('result');
  if (!result) return;
  result.className = kind;
  result.textContent = message;
  if (message) result.scrollIntoView({ block: 'nearest' });
}

let submitted = false;
function save(): void {
  submitted = true;
  post({ type: 'save', values: values(), secrets: secrets() });
}

function test(): void {
  showResult('busy', strings?.testing ?? '');
  post({ type: 'test', values: values(), secrets: secrets() });
}

window.addEventListener('message', (event: MessageEvent<PanelMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init': {
      strings = message.strings;
      stored = message.stored;
      for (const id of TEXT) byId(id).value = message.values[id];
      byId('tls').value = message.values.tls;
      byId('allowClearTextPassword').checked = message.values.allowClearTextPassword;
      byId('sshEnabled').checked = message.values.sshEnabled;
      setRadio('passwordMode', message.values.passwordMode);
      setRadio('sshAuth', message.values.sshAuth);
      // A password from a pasted address fills the field once; it is not kept anywhere else.
      if (message.password) byId('password').value = message.password;
      if (message.notes.length > 0) showResult('', message.notes.join('\n'));
      layout();
      byId('host').focus();
      break;
    }
    case 'problems':
      if (submitted || Object.keys(message.problems).some((f) => touched.has(f))) showResult('', '');
      showProblems(message.problems, submitted);
      submitted = false;
      break;
    case 'testResult':
      submitted = false;
      showProblems(lastProblems, false);
      showResult(message.ok ? 'ok' : 'failed', message.message);
      if (message.field) document.getElementById(message.field)?.focus();
      break;
    case 'picked':
      byId(message.field).value = message.path;
      touched.add(message.field);
      validateSoon();
      break;
    case 'saved':
      showResult('ok', '');
      break;
  }
});

const form = document.getElementById('form');
form?.addEventListener('input', (event) => {
  const id = (event.target as HTMLElement).id;
  if (id) touched.add(id);
  layout();
  validateSoon();
});
form?.addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  touched.add(target.getAttribute('name') ?? target.id);
  layout();
  validateSoon();
});
form?.addEventListener('submit', (event) => {
  event.preventDefault();
  save();
});
document.getElementById('save')?.addEventListener('click', save);
document.getElementById('test')?.addEventListener('click', test);
document.getElementById('cancel')?.addEventListener('click', () => post({ type: 'cancel' }));
for (const button of document.querySelectorAll<HTMLElement>('[data-pick]')) {
  button.addEventListener('click', () => post({ type: 'pickFile', field: button.dataset.pick as 'caFile' | 'sshKeyFile' }));
}

// Enter saves from any field (buttons and open drop-downs handle Enter themselves); Escape cancels.
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  const tag = target.tagName.toLowerCase();
  if (event.key === 'Enter' && !event.isComposing && !['vscode-button', 'vscode-single-select', 'textarea'].includes(tag)) {
    event.preventDefault();
    save();
  } else if (event.key === 'Escape' && !(tag === 'vscode-single-select' && target.hasAttribute('open'))) {
    event.preventDefault();
    post({ type: 'cancel' });
  }
});

post({ type: 'ready' });
