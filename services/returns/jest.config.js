module.exports = require('../../jest.preset').projectConfig('returns', 'services/returns');
