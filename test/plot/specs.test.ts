import { describe, expect, it } from 'vitest';
import { InvalidPointsError } from '../../src/errors.js';
import { datasets } from '../../src/index.js';
import {
  histogramsSpec,
  pcaSpec,
  pointsImageSpec,
  reportPlots,
  SET_COLORS,
  scatterSpec,
  trainingCurvesSpec,
  type VegaLiteSpec,
} from '../../src/plot/index.js';

const real = datasets.coloredPi({ count: 300, seed: 1 });
const generated = datasets.coloredPi({ count: 200, seed: 2 });
type Row = Record<string, unknown>;
const rows = (spec: Record<string, unknown>) => (spec.data as { values: Row[] }).values;

describe('histogramsSpec', () => {
  const spec = histogramsSpec(real, generated, { bins: 10 });

  it('has, per dimension and set, bins integrating to 1 and a density curve', () => {
    const values = rows(spec);
    const dims = ['x (row)', 'y (column)', 'r (red)', 'g (green)', 'b (blue)'];
    expect(new Set(values.map((v) => v.dimension))).toEqual(new Set(dims));
    for (const dimension of dims) {
      for (const set of ['real', 'generated']) {
        const bins = values.filter((v) => v.kind === 'bin' && v.dimension === dimension && v.set === set);
        expect(bins).toHaveLength(10);
        const area = bins.reduce(
          (s, b) => s + (b.density as number) * ((b.end as number) - (b.start as number)),
          0,
        );
        expect(area).toBeCloseTo(1, 2);
        expect(values.some((v) => v.kind === 'curve' && v.dimension === dimension && v.set === set)).toBe(
          true,
        );
      }
    }
  });

  it('colours real and generated consistently', () => {
    expect(JSON.stringify(spec)).toContain(SET_COLORS.real);
    expect(JSON.stringify(spec)).toContain(SET_COLORS.generated);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

describe('scatterSpec and pointsImageSpec', () => {
  it('draws each point in its own colour, image rows downwards', () => {
    const spec = scatterSpec([[0.1, 0.9, 1, 0, 0.5]], [[0.2, 0.3, 0, 1, 0]]);
    expect(rows(spec)).toEqual([
      { x: 0.1, y: 0.9, c: '#ff0080', set: 'real' },
      { x: 0.2, y: 0.3, c: '#00ff00', set: 'generated' },
    ]);
    const encoding = (spec.spec as { encoding: Record<string, { field: string; scale: unknown }> }).encoding;
    expect(encoding.x?.field).toBe('y');
    expect(encoding.y?.field).toBe('x');
    expect(encoding.y?.scale).toEqual({ domain: [0, 1], nice: false, reverse: true });
    expect(encoding.color?.scale).toBeNull();
  });

  it('widens the axes to show points outside [0, 1] rather than hide them', () => {
    const spec = scatterSpec([[0.1, 0.9, 1, 0, 0.5]], [[1.25, -0.5, 0, 1, 0]]);
    const encoding = (spec.spec as { encoding: Record<string, { scale: { domain: number[] } }> }).encoding;
    expect(encoding.x?.scale.domain).toEqual([-0.5, 1.25]);
    expect(encoding.y?.scale.domain).toEqual([-0.5, 1.25]);
  });

  it("plots x to the right with orientation 'xy'", () => {
    const spec = pointsImageSpec(real, { orientation: 'xy' });
    const encoding = spec.encoding as Record<string, { field: string; axis: unknown }>;
    expect(encoding.x?.field).toBe('x');
    expect(encoding.x?.axis).toBeNull();
    expect(rows(spec)).toHaveLength(300);
  });

  it('subsamples to maxPoints, deterministically', () => {
    const a = scatterSpec(real, generated, { maxPoints: 50 });
    expect(rows(a)).toHaveLength(100);
    expect(scatterSpec(real, generated, { maxPoints: 50 })).toEqual(a);
    expect(scatterSpec(real, generated, { maxPoints: 50, seed: 1 })).not.toEqual(a);
  });

  it('names the bad argument', () => {
    expect(() => scatterSpec(real, [[0, 0, 0, 0, Number.NaN]])).toThrow(InvalidPointsError);
    expect(() => scatterSpec(real, [[0, 0, 0, 0, Number.NaN]])).toThrow(/^generated: /);
    expect(() => histogramsSpec([[0, 0, 0]], generated)).toThrow(/^real: /);
    expect(() => pointsImageSpec([])).toThrow(InvalidPointsError);
  });
});

describe('pcaSpec', () => {
  it('projects both sets on the axes of the real points', () => {
    const spec = pcaSpec(real, generated);
    const values = rows(spec);
    expect(values.filter((v) => v.set === 'real')).toHaveLength(300);
    expect(values.filter((v) => v.set === 'generated')).toHaveLength(200);
    // Centred on the real mean.
    const mean = values.filter((v) => v.set === 'real').reduce((s, v) => s + (v.pc1 as number), 0) / 300;
    expect(Math.abs(mean)).toBeLessThan(1e-3);
    expect(JSON.stringify(spec.encoding)).toMatch(/PC 1 \(\d+\.\d% of the variance\)/);
  });
});

describe('trainingCurvesSpec', () => {
  it('leaves out NaN validation values', () => {
    const spec = trainingCurvesSpec({
      epochs: [
        { epoch: 1, loss: -1, valNll: Number.NaN },
        { epoch: 2, loss: -2, valNll: -2.5 },
      ],
    });
    expect(rows(spec)).toEqual([
      { epoch: 1, series: 'training loss', nll: -1 },
      { epoch: 2, series: 'training loss', nll: -2 },
      { epoch: 2, series: 'validation NLL', nll: -2.5 },
    ]);
    expect(() => trainingCurvesSpec({} as never)).toThrow(/history/);
  });

  it('gives a legend entry only to series with points', () => {
    const legend = (spec: VegaLiteSpec) =>
      (spec.encoding as { color: { scale: { domain: string[] } } }).color.scale.domain;
    const noValidation = trainingCurvesSpec({ epochs: [{ epoch: 1, loss: -1, valNll: Number.NaN }] });
    expect(legend(noValidation)).toEqual(['training loss']);
    const both = trainingCurvesSpec({ epochs: [{ epoch: 1, loss: -1, valNll: -2 }] });
    expect(legend(both)).toEqual(['training loss', 'validation NLL']);
  });
});

describe('reportPlots', () => {
  it('gives every figure, training only with a history, titled with the label', () => {
    expect(Object.keys(reportPlots({ real, generated }))).toEqual(['histograms', 'scatter', 'pca', 'image']);
    const all = reportPlots({ real, generated, label: 'RealNVP', history: { epochs: [] } });
    expect(Object.keys(all)).toEqual(['histograms', 'scatter', 'pca', 'image', 'training']);
    expect(all.scatter.title).toBe('RealNVP: real and generated points');
  });
});
