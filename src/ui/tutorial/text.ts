/** Lesson text as plain pieces: `code` in backticks becomes a code piece. Never HTML. */
export interface TextPiece {
  code: boolean;
  text: string;
}

export function textPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  text.split('`').forEach((part, i) => {
    if (part !== '') pieces.push({ code: i % 2 === 1, text: part });
  });
  return pieces;
}
