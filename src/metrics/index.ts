export { createGatehouseMetrics, type GatehouseMetrics, type HealthProbes } from './gatehouse-metrics.js';
export { createMetricsSink } from './metrics-sink.js';
export { stepTimer } from './step-timer.js';
export { instrumentDirectory } from './instrument-directory.js';
export { metricsRouter } from './metrics-route.js';
