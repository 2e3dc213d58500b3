// @web/test-runner runs browser tests with mocha's globals.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
