// A small service model in botocore's format, with the traits IAM and STS do not use
// (maps in input, wire names for map keys and list members, flattened lists and maps,
// blobs and timestamps in input), converted the way the generator converts the real ones.
import type { ServiceModel } from '../../src/protocol/service-model.js';
// @ts-expect-error: plain JavaScript module without type declarations
import { convertModel } from '../../scripts/model-converter.mjs';

/** The botocore-format model, as python's botocore.model.ServiceModel reads it. */
export const smallBotocoreModel = {
  metadata: {
    apiVersion: '2020-01-01',
    protocol: 'query',
    serviceId: 'Small',
    endpointPrefix: 'small',
    signatureVersion: 'v4',
    xmlNamespace: 'https://small.example.com/doc/2020-01-01/',
  },
  operations: {
    PutThing: {
      name: 'PutThing',
      http: { method: 'POST', requestUri: '/' },
      input: { shape: 'PutThingRequest' },
      output: { shape: 'PutThingResponse', resultWrapper: 'PutThingResult' },
    },
  },
  shapes: {
    PutThingRequest: {
      type: 'structure',
      required: ['Name'],
      members: {
        Name: { shape: 'String' },
        Labels: { shape: 'LabelMap' },
        Renamed: { shape: 'RenamedMap' },
        Flat: { shape: 'FlatList' },
        FlatNamed: { shape: 'FlatNamedList' },
        Items: { shape: 'ItemList' },
        Payload: { shape: 'Blob' },
        When: { shape: 'Time' },
        Count: { shape: 'Long' },
        Ratio: { shape: 'Double' },
        Enabled: { shape: 'Boolean' },
        Wire: { shape: 'String', locationName: 'WireName' },
      },
    },
    PutThingResponse: {
      type: 'structure',
      members: {
        Labels: { shape: 'LabelMap' },
        Renamed: { shape: 'RenamedMap' },
        Flat: { shape: 'FlatList' },
        FlatNamed: { shape: 'FlatNamedList' },
        Items: { shape: 'ItemList' },
        FlatMap: { shape: 'FlatMap' },
      },
    },
    LabelMap: { type: 'map', key: { shape: 'String' }, value: { shape: 'String' } },
    RenamedMap: {
      type: 'map',
      key: { shape: 'String', locationName: 'Name' },
      value: { shape: 'Long', locationName: 'Amount' },
    },
    FlatMap: {
      type: 'map',
      flattened: true,
      key: { shape: 'String' },
      value: { shape: 'String' },
    },
    FlatList: { type: 'list', member: { shape: 'String' }, flattened: true },
    FlatNamedList: {
      type: 'list',
      member: { shape: 'String', locationName: 'Element' },
      flattened: true,
    },
    ItemList: { type: 'list', member: { shape: 'Item', locationName: 'item' } },
    Item: { type: 'structure', members: { Id: { shape: 'String' }, Tags: { shape: 'LabelMap' } } },
    String: { type: 'string' },
    Long: { type: 'long' },
    Double: { type: 'double' },
    Boolean: { type: 'boolean' },
    Time: { type: 'timestamp' },
    Blob: { type: 'blob' },
  },
};

const tables = convertModel(smallBotocoreModel);

/** The same model as the runtime reads it. */
export const smallModel: ServiceModel = {
  serviceId: 'Small',
  apiVersion: '2020-01-01',
  xmlNamespace: smallBotocoreModel.metadata.xmlNamespace,
  ...tables,
};
