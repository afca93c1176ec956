// The toolbar badge: the count of unread peer messages, or the room's state
// when there is nothing unread (a dot while it is being set up, a check mark
// once verified, red "!" when it failed), and a tooltip that says the same in
// words for people who cannot see the colours.
import { t } from '../lib/i18n.js';
import { SETTING_UP } from './room-watch.js';

export const BADGE_COLORS = Object.freeze({ setup: '#3b5bdb', verified: '#17713d', failed: '#c92a2a', unread: '#3b5bdb' });

/**
 * @param {{hostConnected: boolean, roomState: string|null, unread: number}} state
 * @returns {{text: string, color: string|null, titleKey: string, titleSubs?: string[]}}
 */
export function badgeFor({ hostConnected, roomState, unread }) {
  if (!hostConnected || roomState === null) return { text: '', color: null, titleKey: 'actionTitle' };
  const failed = roomState === 'failed';
  if (unread > 0) {
    return {
      text: unread > 99 ? '99+' : String(unread),
      color: failed ? BADGE_COLORS.failed : roomState === 'verified' ? BADGE_COLORS.verified : BADGE_COLORS.unread,
      titleKey: unread === 1 ? 'badgeTitleUnreadOne' : 'badgeTitleUnread', titleSubs: [String(unread)],
    };
  }
  if (SETTING_UP.includes(roomState)) return { text: '•', color: BADGE_COLORS.setup, titleKey: 'badgeTitleSettingUp' };
  if (roomState === 'verified') return { text: '✓', color: BADGE_COLORS.verified, titleKey: 'badgeTitleVerified' };
  if (failed) return { text: '!', color: BADGE_COLORS.failed, titleKey: 'badgeTitleFailed' };
  return { text: '', color: null, titleKey: 'badgeTitleClosed' };
}

export class Badge {
  #action;
  #shown = null;

  /** @param {object|undefined} action chrome.action (browser.action in Firefox) */
  constructor(action) { this.#action = action; }

  /** @param {object} state RoomWatch state */
  render(state) {
    const badge = badgeFor(state);
    const title = t(badge.titleKey, badge.titleSubs);
    const key = `${badge.text}|${badge.color}|${title}`;
    if (key === this.#shown || !this.#action) return;
    this.#shown = key;
    // Errors here (a closing browser) must not stop the events that follow.
    const quiet = (p) => { Promise.resolve(p).catch(() => {}); };
    quiet(this.#action.setBadgeText({ text: badge.text }));
    if (badge.color) {
      quiet(this.#action.setBadgeBackgroundColor({ color: badge.color }));
      quiet(this.#action.setBadgeTextColor?.({ color: '#ffffff' }));
    }
    quiet(this.#action.setTitle({ title }));
  }
}
