// Entry point of the explainer page: wires the form, the result and the compare box. Everything
// runs in this tab; the page never opens a connection.
import type { Explanation } from '@iam-bridge/sigv4/web';
import { compareWithAws } from './compare-view.js';
import { byId } from './dom.js';
import { renderResult, renderSigningKeySteps } from './explain-view.js';
import { readForm, showFieldErrors, syncEnabled, writeForm } from './form-io.js';
import { signForm, type FormSigned } from './form-signing.js';
import { CREATE_USER_PRESET, EMPTY_FORM } from './form-values.js';
import { forgetTyped, inferFromUrl, noteTyped } from './scope-hints.js';

let current: FormSigned | undefined;
let live = false;
let generation = 0;
let pending: number | undefined;

async function sign(focusError: boolean): Promise<void> {
  const values = readForm();
  const mine = ++generation;
  const outcome = await signForm(values);
  if (mine !== generation) return;

  const first = showFieldErrors(outcome.errors);
  if ('signed' in outcome) {
    current = outcome.signed;
    await renderResult(outcome.signed, values.secretAccessKey);
    document.body.dataset.signature = outcome.signed.explanation.signature;
  } else {
    current = undefined;
    byId('result').hidden = true;
    delete document.body.dataset.signature;
    if (focusError && first !== undefined) {
      document.getElementById(first === 'form' ? 'form-error' : first)?.focus();
    }
  }
  document.body.dataset.state = 'signed' in outcome ? 'signed' : 'errors';
}

function signSoon(): void {
  if (!live) return;
  window.clearTimeout(pending);
  pending = window.setTimeout(() => void sign(false), 150);
}

function start(): void {
  const form = byId<HTMLFormElement>('sign-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    live = true;
    void sign(true);
  });
  form.addEventListener('input', signSoon);
  form.addEventListener('change', () => {
    syncEnabled();
    signSoon();
  });

  byId('url').addEventListener('input', inferFromUrl);
  byId('region').addEventListener('input', () => noteTyped('region'));
  byId('service').addEventListener('input', () => noteTyped('service'));
  byId<HTMLInputElement>('show-secret').addEventListener('change', (event) => {
    const shown = (event.target as HTMLInputElement).checked;
    byId<HTMLInputElement>('secretAccessKey').type = shown ? 'text' : 'password';
  });

  byId('preset-create-user').addEventListener('click', () => {
    forgetTyped();
    writeForm(CREATE_USER_PRESET);
    inferFromUrl();
    live = true;
    void sign(false);
  });
  byId('clear-form').addEventListener('click', () => {
    forgetTyped();
    writeForm(EMPTY_FORM);
    inferFromUrl();
    live = false;
    current = undefined;
    showFieldErrors([]);
    byId('result').hidden = true;
  });

  const details = byId<HTMLDetailsElement>('signing-key-details');
  details.addEventListener('toggle', () => {
    if (details.open && current !== undefined) {
      void renderSigningKeySteps(current, readForm().secretAccessKey);
    }
  });

  byId('compare-button').addEventListener('click', () => {
    const explanation: Explanation | undefined = current?.explanation;
    compareWithAws(explanation, byId<HTMLTextAreaElement>('aws-message').value);
  });

  syncEnabled();
  inferFromUrl();
  document.body.dataset.ready = 'true';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
