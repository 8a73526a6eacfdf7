/** applicationServerKey wants the VAPID key's bytes; the server gives it base64url. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((byte, index) => byte === b[index]);
}

export interface PushCapabilities {
  secureContext: boolean;
  serviceWorker: boolean;
  pushManager: boolean;
  notifications: boolean;
}

/** Why this browser cannot get push, or null when it can (and the server has a key). */
export function pushUnavailableReason(browser: PushCapabilities, publicKey: string | null | undefined): string | null {
  if (!publicKey) return 'Push notifications are not set up on this server.';
  if (!browser.secureContext) return 'Push needs a secure (https) connection to this site.';
  if (!browser.serviceWorker || !browser.pushManager || !browser.notifications) return 'This browser does not support push notifications.';
  return null;
}

/** A PushSubscription's toJSON() as addWebPushSubscription takes it. */
export function subscriptionInput(json: { endpoint?: string; keys?: Record<string, string> }, label: string): { endpoint: string; p256dh: string; auth: string; label: string } {
  const { endpoint, keys } = json;
  if (!endpoint || !keys?.p256dh || !keys.auth) throw new Error('The browser gave an incomplete push subscription.');
  return { endpoint, p256dh: keys.p256dh, auth: keys.auth, label };
}

/** "Firefox on Android": enough for the fan to tell their browsers apart in the list. */
export function browserLabel(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Mac OS X/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return system ? `${browser} on ${system}` : browser;
}
