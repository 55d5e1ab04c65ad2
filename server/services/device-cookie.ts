import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SettingsRepository } from '../repositories/settings.repository.ts';

export const DEVICE_COOKIE = 'tiendo_device';
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 3600;

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * signed in to an account gets `username.nonce.signature`, signed with a key every instance shares
 * (kept in app_settings, made by the first one to need it). Only this server can make one, so a
 * guesser cannot claim to be a known device; the nonce names the device's own attempt counter.
 */
export class DeviceCookies {
  private key: Promise<Buffer> | undefined;

  constructor(private readonly settings: SettingsRepository) {}

  async issue(username: string): Promise<string> {
    const body = `${Buffer.from(username.toLowerCase()).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
    return `${body}.${await this.sign(body)}`;
  }

  /** The nonce of a genuine cookie issued for `username`, else null. */
  async nonceFor(cookie: string | undefined, username: string): Promise<string | null> {
    const parts = cookie?.split('.') ?? [];
    if (parts.length !== 3) return null;
    const [name, nonce, signature] = parts as [string, string, string];
    if (Buffer.from(name, 'base64url').toString() !== username.toLowerCase()) return null;
    const expected = Buffer.from(await this.sign(`${name}.${nonce}`));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
  }

  private async sign(body: string): Promise<string> {
    this.key ??= this.settings
      .getOrCreate('device_cookie_key', randomBytes(32).toString('base64'))
      .then((k) => Buffer.from(k, 'base64'))
      .catch((error: unknown) => {
        this.key = undefined;
        throw error;
      });
    return createHmac('sha256', await this.key)
      .update(body)
      .digest('base64url');
  }
}
