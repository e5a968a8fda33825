import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { t } from '../ui/i18n';

/** Counts above this show as "999+": the badge has room for about four characters. */
const BADGE_MAX_COUNT = 999;
const BADGE_COLOUR = '#0b5cad';
const SESSION_KEY = 'badgeCounts';

const FrameReportSchema = v.object({
  count: v.number(),
  /** The reporting document (sender.documentId; the frame URL where that is missing, e.g. Firefox). */
  document: v.string(),
  reportedAt: v.number(),
});
type FrameReport = v.InferOutput<typeof FrameReportSchema>;

const TabCountsSchema = v.object({
  frames: v.record(v.string(), FrameReportSchema),
  /** When the tab last started loading (tabs.onUpdated status "loading", which iframes trigger too). */
  loadingSince: v.number(),
});
type TabCounts = v.InferOutput<typeof TabCountsSchema>;

/** Per tab id: what storage.session keeps across service-worker restarts. */
const CountsSchema = v.record(v.string(), TabCountsSchema);
type Counts = v.InferOutput<typeof CountsSchema>;

export function badgeText(total: number): string {
  if (!(total > 0)) return '';
  return total > BADGE_MAX_COUNT ? `${BADGE_MAX_COUNT}+` : String(total);
}

/**
 * Records one frame's report and returns the tab's total. When the top frame reports
 * from a new document, the tab has navigated: reports from subframes made before the
 * tab started loading belong to the previous page and are dropped. (Without the
 * webNavigation/tabs permissions the background cannot see navigations directly.)
 */
export function applyReport(tab: TabCounts, frameId: number, report: FrameReport): number {
  const previousTop = tab.frames[0];
  if (frameId === 0 && previousTop && previousTop.document !== report.document) {
    for (const [id, frame] of Object.entries(tab.frames)) {
      if (id !== '0' && frame.reportedAt < tab.loadingSince) delete tab.frames[id];
    }
  }
  tab.frames[frameId] = report;
  return Object.values(tab.frames).reduce((sum, frame) => sum + frame.count, 0);
}

// Kept in storage.session too, because the service worker may stop between two frames'
// reports and the sum must survive it. Updates run one after another.
let counts: Counts | undefined;
let queue: Promise<unknown> = Promise.resolve();

async function loadCounts(): Promise<Counts> {
  if (counts) return counts;
  try {
    const saved = v.safeParse(CountsSchema, (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY]);
    counts = saved.success ? saved.output : {};
  } catch {
    counts = {};
  }
  return counts;
}

function update(change: (all: Counts) => void): Promise<void> {
  const run = queue.then(async () => {
    const all = await loadCounts();
    change(all);
    await browser.storage.session.set({ [SESSION_KEY]: all }).catch(() => undefined);
  });
  queue = run.catch(() => undefined);
  return run;
}

/** The toolbar button: `action` in MV3, `browserAction` in Firefox's MV2 build. */
function toolbarAction() {
  return browser.action ?? browser.browserAction;
}

function recordReport(tabId: number, frameId: number, report: FrameReport): Promise<void> {
  let total = 0;
  return update((all) => {
    const tab = (all[tabId] ??= { frames: {}, loadingSince: 0 });
    total = applyReport(tab, frameId, report);
  }).then(async () => {
    // The tab may have closed meanwhile: then both calls fail, harmlessly.
    await toolbarAction().setBadgeText({ tabId, text: badgeText(total) }).catch(() => undefined);
    const title = total > 0 ? t('badgeTitle', String(total)) : t('extName');
    await toolbarAction().setTitle({ tabId, title }).catch(() => undefined);
  });
}

/**
 * Records `{type: 'mentions:count', count}` from a tab's content script (the number of
 * mentions in its frame). Messages from outside a tab (extension pages) are ignored.
 */
export function recordMentionsCount(message: { count: number }, sender: Browser.runtime.MessageSender): undefined {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return undefined;
  const document = sender.documentId ?? sender.url ?? '';
  void recordReport(tabId, sender.frameId ?? 0, { count: message.count, document, reportedAt: Date.now() });
  return undefined;
}

/**
 * The toolbar badge: the number of mentions the tab's content scripts report
 * (recordMentionsCount), summed over the tab's frames (a frame whose site is switched off
 * reports 0, so the badge shows no text). Chrome clears a tab's badge text itself when the
 * tab navigates; the new page's reports set it again.
 */
export function registerBadge(): void {
  toolbarAction().setBadgeBackgroundColor({ color: BADGE_COLOUR }).catch(() => undefined);
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.status !== 'loading') return;
    void update((all) => {
      const tab = (all[tabId] ??= { frames: {}, loadingSince: 0 });
      tab.loadingSince = Date.now();
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void update((all) => {
      delete all[tabId];
    });
  });
}
