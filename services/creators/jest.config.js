module.exports = require('../../jest.preset').projectConfig('creators', 'services/creators');
