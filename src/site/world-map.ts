/**
 * The world map's geometry, computed at build time: Natural Earth countries (world-atlas TopoJSON)
 * projected with d3-geo's Equal Earth projection into SVG path data rounded to whole units, so the
 * page gets a small inline SVG and needs no script, tiles or fonts. Countries too small for that
 * scale (Singapore, Malta, …) are dots at centroids taken from the 50m geometry (small-countries.json).
 * Pure: the geometry is imported as data, never read from disk here.
 */
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
// Only the code table of i18n-iso-countries: its main entry loads every locale's names.
import codes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import small from './small-countries.json' with { type: 'json' };
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world110 from 'world-atlas/countries-110m.json' with { type: 'json' };

export const MAP_WIDTH = 960;

export interface MapShape {
  /** ISO 3166-1 alpha-2, or `''` for the few areas without one (Kosovo, Northern Cyprus, Somaliland). */
  code: string;
  d: string;
}

export interface WorldMap {
  width: number;
  height: number;
  shapes: MapShape[];
  /** Dots for countries too small to be drawn at this scale (Singapore, Malta, …), at their centroid. */
  markers: { code: string; x: number; y: number }[];
}

type Countries = FeatureCollection<Geometry, { name: string }>;

const toFeatures = (topology: unknown): Countries => {
  const typed = topology as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  return feature(typed, typed.objects.countries) as Countries;
};

const numericToAlpha2 = new Map((codes as string[][]).map(([alpha2, , numeric]) => [numeric, alpha2]));
const alpha2 = (item: Feature) =>
  item.id === undefined ? '' : (numericToAlpha2.get(String(item.id).padStart(3, '0')) ?? '');
const ANTARCTICA = 'AQ';

const centroids: Record<string, number[] | undefined> = small.centroids;

/** The map, with a dot for each of `markCountries` that the small-scale geometry does not draw. */
export function worldMap(markCountries: readonly string[] = []): WorldMap {
  const all = toFeatures(world110);
  all.features = all.features.filter((item) => alpha2(item) !== ANTARCTICA);
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH - 8, all);
  const path = geoPath(projection).digits(0);
  const [[, top], [, bottom]] = path.bounds(all);
  projection.translate([projection.translate()[0] + 4, projection.translate()[1] - top + 4]);
  const shapes = all.features
    .map((item) => ({ code: alpha2(item), d: path(item) ?? '' }))
    .filter((shape) => shape.d !== '');

  const drawn = new Set(shapes.map((shape) => shape.code));
  const missing = markCountries.filter((code) => !drawn.has(code));
  const markers: WorldMap['markers'] = [];
  for (const code of missing) {
    const centroid = centroids[code];
    const point = centroid === undefined ? null : projection([centroid[0]!, centroid[1]!]);
    if (point !== null) markers.push({ code, x: Math.round(point[0]), y: Math.round(point[1]) });
  }
  return { width: MAP_WIDTH, height: Math.ceil(bottom - top + 8), shapes, markers };
}
