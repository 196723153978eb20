/**
 * The procedural-justice survey after a hearing: five statements, each answered 1 (strongly
 * disagree) to 5 (strongly agree). Pure: the questions, and how answers become a board's averages
 * without ever showing a group small enough to point at one person.
 */
export const SURVEY_QUESTIONS = ['respect', 'neutrality', 'voice', 'understanding', 'trust'] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];

/** Fewer responses than this and a board's figures are not shown (the program's small-cell rule). */
export const SURVEY_MIN_CELL = 11;

export type BoardSurveyTotals = { boardId: string; boardName: string; n: number; sums: Record<SurveyQuestion, number> };
export type BoardSurveyRow = { boardId: string; boardName: string; n: number | null; averages: Record<SurveyQuestion, number> | null };

/** Averages per board, rounded to one decimal; a board under the minimum shows neither count nor averages. */
export function surveyAverages(rows: readonly BoardSurveyTotals[], minCell = SURVEY_MIN_CELL): BoardSurveyRow[] {
  return rows.map((r) => {
    if (r.n < minCell) return { boardId: r.boardId, boardName: r.boardName, n: null, averages: null };
    const averages = Object.fromEntries(SURVEY_QUESTIONS.map((q) => [q, Math.round((r.sums[q] / r.n) * 10) / 10])) as Record<SurveyQuestion, number>;
    return { boardId: r.boardId, boardName: r.boardName, n: r.n, averages };
  });
}
