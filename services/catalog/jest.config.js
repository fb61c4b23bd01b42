module.exports = require('../../jest.preset').projectConfig('catalog', 'services/catalog');
