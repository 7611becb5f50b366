// `azd up` entry point: a resource group holding the proactive bot's Function App (Flex Consumption,
// Node 22), its storage (no shared keys), a user-assigned managed identity with the storage data
// roles, Application Insights on Log Analytics, and an Azure Bot (UserAssignedMSI) with Teams on.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource but the bot (global). Pick one that offers Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('The bot\'s name as Teams shows it.')
param botDisplayName string = 'Proactive Bot'

@description('Azure Bot pricing tier: F0 (free, standard channels) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
  }
}

module functionApp 'app/functionApp.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
  }
  // The host reaches storage with the identity as soon as it starts: grant the roles first.
  dependsOn: [roles]
}

module bot 'app/bot.bicep' = {
  name: 'bot'
  scope: rg
  params: {
    name: 'bot-${resourceToken}'
    displayName: botDisplayName
    sku: botSku
    tags: tags
    endpoint: 'https://${functionApp.outputs.defaultHostName}/api/messages'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
  }
}

// azd stores these in the environment (.azure/<env>/.env). None is a key or a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
@description('The bot\'s app id (the managed identity\'s client id): the BOT_ID of appPackage/manifest.json.')
output BOT_ID string = identity.outputs.clientId
@description('The messaging endpoint the Azure Bot calls.')
output BOT_ENDPOINT string = bot.outputs.endpoint
@description('POST proactive messages here, with a function key (x-functions-key header).')
output NOTIFY_URL string = 'https://${functionApp.outputs.defaultHostName}/api/notify'
