import { configure } from '@testing-library/react';

// findBy… and waitFor wait for events; their default of one second is a guess at machine speed.
configure({ asyncUtilTimeout: 20_000 });
