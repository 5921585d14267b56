import NotificationsService

print(NotificationsService.definition.name)
