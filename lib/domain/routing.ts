/**
 * Routing an accepted case to a neighborhood board. Pure and deterministic: the data layer passes
 * the boards with their areas and current load, and stores the explanation this returns.
 *
 * Order of rules (DOMAIN.md, Boards and volunteers):
 *   1. neighborhood — the board that serves the participant's ZIP;
 *   2. language — a participant who asked for Spanish goes to a Spanish-speaking board (one that
 *      serves their ZIP if there is one, else the jurisdiction's Spanish board);
 *   3. load — only boards below their monthly capacity; among several, the least loaded (by share
 *      of capacity), then by name so the choice is stable.
 * No board left → the case stays with the coordinator, with the reason.
 */

export type RoutingBoard = {
  id: string;
  name: string;
  language: 'en' | 'es';
  active: boolean;
  monthlyCapacity: number;
  /** Cases assigned to it this calendar month (still open). */
  load: number;
  areas: { zip: string; neighborhood: string }[];
};

export type RoutingRequest = { zip: string; preferredLanguage: 'en' | 'es' };

export type RoutingResult =
  | { ok: true; boardId: string; boardName: string; explanation: string }
  | { ok: false; reason: string };

const hasRoom = (b: RoutingBoard) => b.load < b.monthlyCapacity;
const loadText = (b: RoutingBoard) => `${b.load} of ${b.monthlyCapacity} cases this month`;

function pickLeastLoaded(boards: RoutingBoard[]): RoutingBoard | undefined {
  return [...boards].sort((a, b) => a.load / Math.max(1, a.monthlyCapacity) - b.load / Math.max(1, b.monthlyCapacity) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))[0];
}

export function routeCase(req: RoutingRequest, allBoards: readonly RoutingBoard[]): RoutingResult {
  // Sorted so the answer (and its wording) never depends on the order the boards came in.
  const boards = allBoards.filter((b) => b.active).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const serving = boards.filter((b) => b.areas.some((a) => a.zip === req.zip));
  const area = (b: RoutingBoard) => b.areas.find((a) => a.zip === req.zip)?.neighborhood;

  if (req.preferredLanguage === 'es') {
    const spanish = boards.filter((b) => b.language === 'es');
    const local = spanish.filter((b) => serving.includes(b) && hasRoom(b));
    const chosen = pickLeastLoaded(local) ?? pickLeastLoaded(spanish.filter(hasRoom));
    if (chosen) {
      const where = area(chosen) ? `serves ZIP ${req.zip} (${area(chosen)})` : `takes Spanish-speaking cases from the whole jurisdiction`;
      return { ok: true, boardId: chosen.id, boardName: chosen.name, explanation: `The participant asked for Spanish: ${chosen.name} holds hearings in Spanish and ${where}; ${loadText(chosen)}.` };
    }
    // No Spanish board with room: fall through to the neighborhood board, and say so.
    const local2 = pickLeastLoaded(serving.filter(hasRoom));
    if (local2) {
      const why = spanish.length ? 'every Spanish-speaking board is at capacity' : 'there is no Spanish-speaking board';
      return { ok: true, boardId: local2.id, boardName: local2.name, explanation: `The participant asked for Spanish but ${why}: ${local2.name} serves ZIP ${req.zip} (${area(local2)}); arrange an interpreter; ${loadText(local2)}.` };
    }
  } else {
    const chosen = pickLeastLoaded(serving.filter((b) => hasRoom(b) && b.language === 'en')) ?? pickLeastLoaded(serving.filter(hasRoom));
    if (chosen) return { ok: true, boardId: chosen.id, boardName: chosen.name, explanation: `${chosen.name} serves ZIP ${req.zip} (${area(chosen)}); ${loadText(chosen)}.` };
  }

  if (serving.length === 0) return { ok: false, reason: `No active board serves ZIP ${req.zip}. Choose a board by hand or add the ZIP to a board's areas.` };
  const full = serving.map((b) => `${b.name} (${loadText(b)})`).join(', ');
  return { ok: false, reason: `Every board serving ZIP ${req.zip} is at its monthly capacity: ${full}. Choose a board by hand.` };
}
