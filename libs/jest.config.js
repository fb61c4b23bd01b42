module.exports = require('../jest.preset').projectConfig('libs', 'libs');
