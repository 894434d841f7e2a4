// Public surface of the response simulator: valid, plausible synthetic answers and whole API submissions,
// reproducible from a seed. Pure: the caller passes the Rng and the date.
export { simulateAnswers, SimulationError } from './simulate-answers.js';
export type { SimulateOptions } from './simulate-answers.js';
export { simulateEnvelope, uuidV4 } from './simulate-envelope.js';
export type { EnvelopeOptions, SimulatedEnvelope, SimulatedScreen } from './simulate-envelope.js';
export { optionWeights } from './choose.js';
export type { Tendencies } from './choose.js';
export { textMatching, UnsupportedPattern } from './pattern.js';
export { simulateSelection } from './simulate-selection.js';
