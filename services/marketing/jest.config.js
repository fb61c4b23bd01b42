module.exports = require('../../jest.preset').projectConfig('marketing', 'services/marketing');
