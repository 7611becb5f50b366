/** One figure a benchmark printed: the product's, its baseline's from the same run, their ratio. */
export interface Figure {
  label: string;
  ours: number;
  baseline: number;
  unit: string;
  ratio: number;
}

const figures: Figure[] = [];

/** Keeps a printed figure for the README's table. */
export function recordFigure(figure: Figure): void {
  figures.push(figure);
}

/** Every figure printed so far, in order. */
export function recordedFigures(): readonly Figure[] {
  return figures;
}
