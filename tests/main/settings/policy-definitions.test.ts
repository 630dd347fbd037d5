/**
 * The policy list is the single source the readers and the deployment templates use, so its entries
 * must be complete and consistent: unique PascalCase names, a sentence for IT, a default of the
 * declared type, every user setting lockable exactly once, and choices the schema accepts.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  REMOTE_CLIENT_IDS,
  USER_PREFERENCES,
  userSettingsSchema,
} from '@shared/ipc/settings';
import {
  POLICY_DEFINITIONS,
  POLICY_NAMES,
  policyDefault,
  SETTING_POLICIES,
} from '../../../main/core/settings/policy-definitions';

describe('POLICY_DEFINITIONS', () => {
  it('names each policy once, in PascalCase, with a sentence for IT', () => {
    expect(new Set(POLICY_NAMES).size).toBe(POLICY_DEFINITIONS.length);
    for (const definition of POLICY_DEFINITIONS) {
      expect(definition.name).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(definition.description).toMatch(/^[A-Z].{20,}\.$/);
    }
  });

  it('has the policies IT deployment needs', () => {
    expect([...POLICY_NAMES].sort()).toEqual(
      [
        'AllowedRemoteClients',
        'AutoUpdate',
        'CustomCommand',
        'Notifications',
        'QueueNotifications',
        'QueueNotificationMinutes',
        'Language',
        'PreferSingleSignOn',
        'RemoteClient',
        'RemoteClientPath',
        'ServerUrl',
        'Theme',
        'UpdateChannel',
        'UpdateUrl',
      ].sort(),
    );
  });

  it('gives each a default of its declared type', () => {
    for (const definition of POLICY_DEFINITIONS) {
      const expected = { string: 'string', boolean: 'boolean', integer: 'number' } as const;
      if (definition.type === 'string-list') expect(Array.isArray(definition.default)).toBe(true);
      else expect(typeof definition.default).toBe(expected[definition.type]);
    }
    expect(policyDefault('AllowedRemoteClients')).toEqual([...REMOTE_CLIENT_IDS]);
    expect(policyDefault('AutoUpdate')).toBe(true);
    expect(policyDefault('UpdateChannel')).toBe('stable');
  });

  it('locks every user setting but the agent’s own preferences with exactly one policy, defaulting to the setting’s default', () => {
    const settings = SETTING_POLICIES.map((definition) => definition.setting);
    expect([...settings, ...USER_PREFERENCES].sort()).toEqual(Object.keys(userSettingsSchema.shape).sort());
    for (const definition of SETTING_POLICIES) {
      expect(definition.default).toEqual(DEFAULT_SETTINGS[definition.setting]);
    }
  });

  it('accepts every listed choice', () => {
    for (const definition of POLICY_DEFINITIONS) {
      for (const choice of definition.choices ?? []) {
        const value = definition.type === 'string-list' ? [choice] : choice;
        expect(definition.schema.safeParse(value).success, `${definition.name}: ${choice}`).toBe(true);
      }
    }
  });
});
