module.exports = require('../../jest.preset').projectConfig('orders', 'services/orders');
