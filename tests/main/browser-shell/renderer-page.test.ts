/** How the browser shell reads the renderer's policy and puts the bridge script before its bundle. */
import { describe, expect, it } from 'vitest';
import { extractCsp, injectBridge } from '../../../main/browser-shell/renderer-page';

describe('extractCsp', () => {
  it('reads the policy from the <meta>, across lines and whatever the attribute order', () => {
    expect(
      extractCsp(
        `<head><meta\n  http-equiv="Content-Security-Policy"\n  content="default-src 'none'; img-src 'self'"\n/>`,
      ),
    ).toBe("default-src 'none'; img-src 'self'");
    expect(
      extractCsp(`<meta content='script-src &apos;self&apos;' http-equiv='content-security-policy'>`),
    ).toBe("script-src 'self'");
    expect(
      extractCsp('<meta charset="utf-8"><meta name="viewport" content="width=device-width">'),
    ).toBeNull();
  });
});

describe('injectBridge', () => {
  it('puts the bridge before the first script in <head>', () => {
    const html =
      '<html><head><title>x</title><script type="module" src="./a.js"></script></head><body></body></html>';
    const out = injectBridge(html);
    expect(out.indexOf('<script src="./bridge.js"></script>')).toBeLessThan(
      out.indexOf('<script type="module"'),
    );
    expect(out.indexOf('bridge.js')).toBeGreaterThan(out.indexOf('<title>'));
  });

  it('puts it at the end of <head> when the bundle is in <body>', () => {
    const out = injectBridge(
      '<head><title>x</title></head><body><script type="module" src="./a.js"></script></body>',
    );
    expect(out.indexOf('bridge.js')).toBeLessThan(out.indexOf('</head>'));
    expect(out.indexOf('bridge.js')).toBeLessThan(out.indexOf('type="module"'));
  });

  it('refuses a page without </head>', () => {
    expect(() => injectBridge('<body></body>')).toThrow('</head>');
  });
});
