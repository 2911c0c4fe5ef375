/** The map, as a React component that only pushes state into the MapController. */
import { useEffect, useRef } from 'react';
import { MapController, type EditMode, type MapCallbacks } from './MapController.ts';
import { categoryColor } from './legend.ts';
import type { DatasetInfo } from '../../workers/analysis.worker.ts';

export interface MapViewProps extends MapCallbacks {
  dataset: DatasetInfo | null;
  cellsGeoJson: string | null;
  /** Values of the cells for the latest run, set by feature state. */
  cellStates: { ids: string[]; values: Record<string, Float32Array>; labels: Record<string, (string | null)[]> } | null;
  categoryId: string | null;
  basemap: 'none' | 'osm';
  catchment: string[] | null;
  selectedCell: string | null;
  /** The scenario's facilities (GeoJSON text), once a run has produced them. */
  facilitiesGeoJson: string | null;
  editMode: EditMode;
  sites: { lngLat: [number, number]; rank: number }[] | null;
  /** Colour cells by the scenario's change for this category instead of minutes. */
  difference: string | null;
  initialView: { center: [number, number]; zoom: number } | null;
  onReady?: (controller: MapController) => void;
}

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const callbacks = useRef<MapCallbacks>({});
  callbacks.current = {
    onCellClick: props.onCellClick, onFacilityClick: props.onFacilityClick, onViewChange: props.onViewChange,
    onAddAt: props.onAddAt, onFacilityMoved: props.onFacilityMoved, onCellHover: props.onCellHover,
  };

  useEffect(() => {
    const c = new MapController(container.current!, {
      onCellClick: (p) => callbacks.current.onCellClick?.(p),
      onFacilityClick: (i, n) => callbacks.current.onFacilityClick?.(i, n),
      onViewChange: (v) => callbacks.current.onViewChange?.(v),
      onAddAt: (p) => callbacks.current.onAddAt?.(p),
      onFacilityMoved: (i, p) => callbacks.current.onFacilityMoved?.(i, p),
      onCellHover: (p, pt) => callbacks.current.onCellHover?.(p, pt),
    }, props.initialView ?? undefined);
    controller.current = c;
    props.onReady?.(c);
    return () => { c.destroy(); controller.current = null; };
    // The map is created once; later props go through the setters below.
  }, []);

  const { dataset, cellsGeoJson, categoryId, basemap, catchment, selectedCell, initialView, facilitiesGeoJson, editMode, sites, difference } = props;
  const datasets = useRef(0);
  useEffect(() => {
    const c = controller.current;
    if (!c || !dataset) return;
    c.setNetwork(dataset.networkGeoJson);
    c.setRegions(dataset.regionsGeoJson);
    c.setAttribution(dataset.attribution);
    // The saved view wins for the first dataset; a newly loaded one is shown whole.
    if (!initialView || datasets.current > 0) c.fitBounds(dataset.bbox);
    datasets.current++;
  }, [dataset, initialView]);
  useEffect(() => {
    if (!dataset) return;
    controller.current?.setFacilities(facilitiesGeoJson ?? dataset.facilitiesGeoJson, dataset.categories.map((cat, i) => ({ id: cat.id, color: categoryColor(i) })));
  }, [dataset, facilitiesGeoJson]);
  useEffect(() => { controller.current?.setEditMode(editMode); }, [editMode]);
  useEffect(() => { controller.current?.setSites(sites); }, [sites]);
  useEffect(() => { controller.current?.setDifference(difference); }, [difference]);
  const { cellStates } = props;
  useEffect(() => {
    const c = controller.current;
    if (!c || !cellStates) return;
    // New cells come as GeoJSON; every run's values come as feature state. Marks when a result
    // is on the map, for the tests and the app benchmark.
    (cellsGeoJson ? c.setCells(cellsGeoJson) : Promise.resolve())
      .then(() => c.setCellStates(cellStates.ids, cellStates.values, cellStates.labels, Boolean(cellsGeoJson)))
      .then(() => c.idle()).then(() => performance.mark('lifecircle:cells-drawn'));
  }, [cellsGeoJson, cellStates]);
  useEffect(() => { if (categoryId) { controller.current?.setCategory(categoryId); controller.current?.setFacilityFilter(categoryId); } }, [categoryId]);
  useEffect(() => { controller.current?.setBasemap(basemap); }, [basemap]);
  useEffect(() => { controller.current?.setCatchment(catchment); }, [catchment]);
  useEffect(() => { controller.current?.setSelectedCell(selectedCell); }, [selectedCell]);

  return <div ref={container} className="map" data-testid="map" />;
}
