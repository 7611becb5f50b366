// The one storage account: Functions' own data, the Durable task hub, the bot's data and the
// deployment package. Reached with Entra ID only: shared keys (and so connection strings) are off.
param name string
param location string
param tags object = {}
@description('Blob container that Flex Consumption deploys the app package from.')
param deploymentContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  // Broadcast reports (the page records in broadcast-progress, pages/...) expire with notify's
  // idempotency window: deleted a day after their last write (the rule runs about once a day; the
  // app itself no longer reports a page 24 hours after its last write).
  resource managementPolicies 'managementPolicies' = {
    name: 'default'
    properties: {
      policy: {
        rules: [
          {
            name: 'broadcast-reports-expire'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: [
                  'blockBlob'
                ]
                prefixMatch: [
                  'broadcast-progress/pages/'
                ]
              }
              actions: {
                baseBlob: {
                  delete: {
                    daysAfterModificationGreaterThan: 1
                  }
                }
              }
            }
          }
        ]
      }
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }
}

output name string = storage.name
output deploymentContainerName string = deploymentContainerName
