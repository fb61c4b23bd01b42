module.exports = require('../jest.preset').projectConfig('tools', 'tools');
