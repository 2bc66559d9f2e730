import { z } from 'zod';

/**
 * "Complaints opened between …": the period a report or a list covers, by when each complaint
 * was opened. Half-open, [openedFrom, openedBefore), so consecutive days or months never count
 * a complaint twice. Either end may be left open.
 */
export const OpenedWindowFields = {
  openedFrom: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Complaints opened at or after this instant (ISO 8601 with offset); must be before openedBefore'),
  openedBefore: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Complaints opened before this instant (ISO 8601 with offset)'),
};

export interface OpenedWindow {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  before?: number;
}

/** The window as epoch ms, from the two query fields. */
export function openedWindowOf(query: {
  openedFrom?: string | undefined;
  openedBefore?: string | undefined;
}): OpenedWindow {
  return {
    ...(query.openedFrom ? { from: Date.parse(query.openedFrom) } : {}),
    ...(query.openedBefore ? { before: Date.parse(query.openedBefore) } : {}),
  };
}

/** Why a window is refused (it holds no instant at all), or null. */
export function openedWindowFault(window: OpenedWindow): string | null {
  if (window.from !== undefined && window.before !== undefined && window.from >= window.before) {
    return 'openedFrom must be before openedBefore';
  }
  return null;
}

export const openedWithin = (openedAt: number, window: OpenedWindow): boolean =>
  (window.from === undefined || openedAt >= window.from) && (window.before === undefined || openedAt < window.before);
