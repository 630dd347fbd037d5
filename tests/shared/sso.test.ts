/** Single sign-on's rules: where a result may be sent, which addresses may sign in, what groups give. */
import { describe, expect, it } from 'vitest';
import { ROLES } from '@shared/domain/permissions';
import {
  claimStrings,
  emailDomain,
  isAllowedSsoEmail,
  isAllowedSsoRedirect,
  ssoAccessFromGroups,
  type SsoGroupMapping,
} from '@shared/domain/sso';

const SERVICE = 'https://desk.contoso.com';

describe('isAllowedSsoRedirect', () => {
  it('allows the loopback listener on any port, the app’s link, and pages of the service', () => {
    for (const uri of [
      'http://127.0.0.1:49152/sso',
      'http://127.0.0.1:1/',
      'http://127.0.0.1:65535',
      'sessiondesk://auth/done',
      'https://desk.contoso.com/app/sso?x=1',
      'https://desk.contoso.com/',
    ])
      expect(isAllowedSsoRedirect(uri, SERVICE), uri).toBe(true);
  });

  it('refuses anything else, and the tricks that make a stranger look like one of those', () => {
    for (const uri of [
      'https://attacker.example/sso',
      'http://localhost:49152/sso',
      'https://127.0.0.1:49152/sso',
      'http://127.0.0.1/sso',
      'http://127.0.0.1:0/sso',
      'http://127.0.0.1:70000/sso',
      'http://127.0.0.1:80@attacker.example/sso',
      'http://127.0.0.1:49152/sso#fragment',
      'https://desk.contoso.com.attacker.example/',
      'https://desk.contoso.com@attacker.example/',
      'https://desk.contoso.com',
      'sessiondesk://other/x',
      'sessiondesk://auth/x y',
      'javascript:alert(1)',
      '',
    ])
      expect(isAllowedSsoRedirect(uri, SERVICE), uri).toBe(false);
  });

  it('takes the service’s public URL with a path, and a trailing slash, as its base', () => {
    expect(isAllowedSsoRedirect('https://contoso.com/desk/app', 'https://contoso.com/desk/')).toBe(true);
    expect(isAllowedSsoRedirect('https://contoso.com/other/app', 'https://contoso.com/desk')).toBe(false);
  });
});

describe('the e-mail rules', () => {
  it('reads the domain lower-cased, and only of an address that has one', () => {
    expect(emailDomain('Ana@Contoso.COM')).toBe('contoso.com');
    expect(emailDomain('a@b@contoso.com')).toBe('contoso.com');
    expect(emailDomain('ana')).toBeNull();
    expect(emailDomain('@contoso.com')).toBeNull();
    expect(emailDomain('ana@')).toBeNull();
  });

  it('allows exactly the listed domains: no subdomain, no look-alike', () => {
    const allowed = ['contoso.com'];
    expect(isAllowedSsoEmail('ana@CONTOSO.com', allowed)).toBe(true);
    expect(isAllowedSsoEmail('ana@eu.contoso.com', allowed)).toBe(false);
    expect(isAllowedSsoEmail('ana@contoso.com.attacker.example', allowed)).toBe(false);
    expect(isAllowedSsoEmail('ana@notcontoso.com', allowed)).toBe(false);
    expect(isAllowedSsoEmail('ana@contoso.com', [])).toBe(false);
  });
});

describe('ssoAccessFromGroups', () => {
  const mappings: SsoGroupMapping[] = [
    { group: 'it-admins', roles: ['admin'], channels: [{ channelId: 'c1', canRelease: false }] },
    {
      group: 'helpdesk',
      roles: ['support_agent'],
      channels: [
        { channelId: 'c1', canRelease: true },
        { channelId: 'c2', canRelease: false },
      ],
    },
    { group: 'field', roles: ['support_agent'], channels: [{ channelId: 'c3', canRelease: false }] },
  ];

  it('unites the roles (in the product’s order) and channels of every group the agent is in', () => {
    expect(ssoAccessFromGroups(['helpdesk', 'it-admins', 'unmapped'], mappings, ROLES)).toEqual({
      roles: ['admin', 'support_agent'],
      channels: [
        { channelId: 'c1', canRelease: true },
        { channelId: 'c2', canRelease: false },
      ],
    });
  });

  it('gives nothing for groups nobody mapped, and compares groups exactly', () => {
    expect(ssoAccessFromGroups(['HelpDesk', 'marketing'], mappings, ROLES)).toEqual({
      roles: [],
      channels: [],
    });
    expect(ssoAccessFromGroups([], mappings, ROLES)).toEqual({ roles: [], channels: [] });
  });
});

describe('claimStrings', () => {
  it('reads one group as a string, several as an array, and nothing else', () => {
    expect(claimStrings('helpdesk')).toEqual(['helpdesk']);
    expect(claimStrings(['a', 1, 'b', null])).toEqual(['a', 'b']);
    expect(claimStrings(undefined)).toEqual([]);
    expect(claimStrings({ a: 1 })).toEqual([]);
  });
});
