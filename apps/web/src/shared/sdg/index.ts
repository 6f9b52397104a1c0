export * from './sdg-catalogue';
export * from './SdgCatalogueTitle';
