/**
 * Source of a preload script (run with `node -r`) that makes `require('vscode')` return a stub,
 * so an extension bundle can be loaded in plain Node. Only loading is measured, so the stub just
 * has to survive what module top-levels do: read properties, call functions, extend classes.
 */
export const VSCODE_STUB_PRELOAD = `
const Module = require('module');
const STUB_ID = '\\0vscode-stub';
function stub() {
  const children = new Map();
  const target = function () {};
  let self;
  // esbuild's __toESM copies only own properties and inherits the rest from the prototype, so the
  // prototype answers every name too.
  const proto = new Proxy({}, { get: (_, key) => self[key] });
  self = new Proxy(target, {
    getPrototypeOf: () => proto,
    get(t, key) {
      if (key === 'prototype') return t.prototype;
      if (key === Symbol.toPrimitive) return () => '';
      if (!children.has(key)) children.set(key, stub());
      return children.get(key);
    },
    apply: () => stub(),
    construct: () => ({}),
  });
  return self;
}
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? STUB_ID : resolve.call(this, request, ...rest);
};
const vscode = stub();
require.cache[STUB_ID] = { id: STUB_ID, filename: STUB_ID, loaded: true, exports: vscode };
`;
