import * as vscode from 'vscode';

const t = vscode.l10n.t;

/** The webview's files: the form script and the vscode-elements bundle, copied into dist/webview by esbuild.js. */
export const WEBVIEW_DIR = ['dist', 'webview'] as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A labelled text field with its problem line below it (`<id>-problem`, announced when it changes). */
function textField(id: string, label: string, options: { type?: 'text' | 'password'; placeholder?: string; hint?: string } = {}): string {
  const hint = options.hint ? `<vscode-form-helper id="${id}-hint">${escapeHtml(options.hint)}</vscode-form-helper>` : '';
  return `<vscode-form-group variant="vertical" id="${id}-group">
  <vscode-label for="${id}">${escapeHtml(label)}</vscode-label>
  <vscode-textfield id="${id}" name="${id}" type="${options.type ?? 'text'}"${
    options.placeholder ? ` placeholder="${escapeHtml(options.placeholder)}"` : ''
  } aria-describedby="${id}-problem${options.hint ? ` ${id}-hint` : ''}"></vscode-textfield>
  ${hint}<div class="problem" id="${id}-problem" role="alert"></div>
</vscode-form-group>`;
}

function radios(name: string, label: string, items: [value: string, text: string][]): string {
  return `<vscode-form-group variant="vertical" id="${name}-group">
  <vscode-label id="${name}-label">${escapeHtml(label)}</vscode-label>
  <vscode-radio-group id="${name}" aria-labelledby="${name}-label" variant="vertical">
    ${items.map(([value, text]) => `<vscode-radio name="${name}" value="${value}" label="${escapeHtml(text)}">${escapeHtml(text)}</vscode-radio>`).join('\n    ')}
  </vscode-radio-group>
  <div class="problem" id="${name}-problem" role="alert"></div>
</vscode-form-group>`;
}

function fileField(id: string, label: string, placeholder: string, browse: string): string {
  return `<vscode-form-group variant="vertical" id="${id}-group">
  <vscode-label for="${id}">${escapeHtml(label)}</vscode-label>
  <div class="row">
    <vscode-textfield id="${id}" name="${id}" placeholder="${escapeHtml(placeholder)}" aria-describedby="${id}-problem"></vscode-textfield>
    <vscode-button secondary id="${id}-browse" data-pick="${id}">${escapeHtml(browse)}</vscode-button>
  </div>
  <div class="problem" id="${id}-problem" role="alert"></div>
</vscode-form-group>`;
}

/**
 * The form's page. Strict Content Security Policy: nothing loads by default, only the two scripts
 * that carry this page's nonce run (both from the extension's webview folder, the panel's only
 * local resource root), no inline handlers (the script adds its listeners), styles from that
 * folder or this page's nonce'd style element.
 */
export function connectionFormHtml(webview: vscode.Webview, root: vscode.Uri, nonce: string, title: string): string {
  const script = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, ...WEBVIEW_DIR, file)).toString();
  const csp = ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource} 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 24px; max-width: 720px; }
  h1 { font-size: 1.4em; font-weight: 600; }
  fieldset { border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); border-radius: 4px; margin: 16px 0; padding: 8px 16px 12px; }
  legend { padding: 0 6px; font-weight: 600; }
  vscode-textfield, vscode-single-select { width: 100%; }
  .row { display: flex; gap: 8px; align-items: center; }
  .row vscode-textfield { flex: 1; }
  .problem { color: var(--vscode-errorForeground); min-height: 1.2em; margin-top: 2px; }
  .problem:empty { min-height: 0; }
  .hidden { display: none !important; }
  .buttons { display: flex; gap: 8px; margin-top: 16px; }
  #result { margin-top: 12px; padding: 8px 12px; border-radius: 4px; white-space: pre-wrap; }
  #result:empty { display: none; }
  #result.ok { border-left: 3px solid var(--vscode-testing-iconPassed, var(--vscode-charts-green)); background: var(--vscode-textBlockQuote-background); }
  #result.failed { border-left: 3px solid var(--vscode-errorForeground); background: var(--vscode-inputValidation-errorBackground, var(--vscode-textBlockQuote-background)); }
  #result.busy { border-left: 3px solid var(--vscode-progressBar-background); background: var(--vscode-textBlockQuote-background); }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<form id="form" novalidate>
<fieldset>
  <legend>${escapeHtml(t('StarRocks FE'))}</legend>
  ${textField('host', t('Host'), { placeholder: t('e.g. fe1.example.com or 10.0.0.5') })}
  ${textField('port', t('Port'), { hint: t('The MySQL-protocol query port of the FE, 9030 by default.') })}
  ${textField('user', t('User'), { placeholder: t('e.g. root') })}
  ${radios('passwordMode', t('How to handle the password'), [
    ['stored', t('Store the password (in the secret storage of VS Code)')],
    ['ask', t('Ask when connecting')],
    ['none', t('No password')],
  ])}
  ${textField('password', t('Password'), { type: 'password' })}
  ${textField('database', t('Default database (optional)'))}
</fieldset>
<fieldset>
  <legend>${escapeHtml(t('Encryption'))}</legend>
  <vscode-form-group variant="vertical">
    <vscode-label for="tls">${escapeHtml(t('TLS'))}</vscode-label>
    <vscode-single-select id="tls" aria-describedby="tls-problem">
      <vscode-option value="off">${escapeHtml(t('TLS off'))}</vscode-option>
      <vscode-option value="on">${escapeHtml(t('TLS on'))}</vscode-option>
      <vscode-option value="verify">${escapeHtml(t('TLS with certificate verification'))}</vscode-option>
    </vscode-single-select>
    <div class="problem" id="tls-problem" role="alert"></div>
  </vscode-form-group>
  ${fileField('caFile', t('CA certificate file (PEM)'), t('e.g. /etc/ssl/certs/starrocks-ca.pem'), t('Browse…'))}
  <vscode-form-group variant="vertical" id="allowClearTextPassword-group">
    <vscode-checkbox id="allowClearTextPassword" label="${escapeHtml(t('LDAP: send the password in clear text'))}">${escapeHtml(
      t('LDAP: send the password in clear text'),
    )}</vscode-checkbox>
    <div class="problem" id="allowClearTextPassword-problem" role="alert"></div>
  </vscode-form-group>
</fieldset>
<fieldset>
  <legend>${escapeHtml(t('SSH tunnel'))}</legend>
  <vscode-checkbox id="sshEnabled" label="${escapeHtml(t('Connect through an SSH bastion'))}">${escapeHtml(
    t('Connect through an SSH bastion'),
  )}</vscode-checkbox>
  <div id="ssh-fields">
    ${textField('sshHost', t('Bastion host'), { placeholder: t('e.g. bastion.example.com') })}
    ${textField('sshPort', t('Bastion SSH port'))}
    ${textField('sshUser', t('SSH user'))}
    ${radios('sshAuth', t('SSH authentication'), [
      ['key', t('Private key file')],
      ['password', t('Password')],
      ['agent', t('SSH agent')],
    ])}
    ${fileField('sshKeyFile', t('Private key file'), t('e.g. /home/me/.ssh/id_ed25519'), t('Browse…'))}
    ${textField('sshSecret', t('Key passphrase (optional)'), { type: 'password' })}
  </div>
</fieldset>
<fieldset>
  <legend>${escapeHtml(t('Name'))}</legend>
  ${textField('name', t('Connection name'), { placeholder: t('Default: user@host:port') })}
  ${textField('environment', t('Environment label (optional)'), { placeholder: t('e.g. production') })}
</fieldset>
<div class="buttons">
  <vscode-button id="save" type="submit">${escapeHtml(t('Save'))}</vscode-button>
  <vscode-button id="test" secondary>${escapeHtml(t('Test Connection'))}</vscode-button>
  <vscode-button id="cancel" secondary>${escapeHtml(t('Cancel'))}</vscode-button>
</div>
<div id="result" role="status" aria-live="polite"></div>
</form>
<script nonce="${nonce}" type="module" src="${script('elements.js')}"></script>
<script nonce="${nonce}" src="${script('connectionForm.js')}"></script>
</body>
</html>`;
}
