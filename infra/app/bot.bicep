// The Azure Bot: Bot Service calls the Function App's /api/messages and trusts the managed
// identity as the bot's app (no app registration, no password). Teams is switched on.
param name string
param displayName string
param sku string
param tags object = {}
@description('https://<app>.azurewebsites.net/api/messages')
param endpoint string
param identityId string
param identityClientId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: identityId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output endpoint string = bot.properties.endpoint
