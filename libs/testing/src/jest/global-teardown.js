module.exports = require('./stop-system.ts').default;
