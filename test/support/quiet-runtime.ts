import { DefaultLogger, Runtime } from '@temporalio/worker';

// Worker lifecycle chatter at INFO buries test output; keep warnings and errors.
Runtime.install({ logger: new DefaultLogger('WARN') });
